#include "store/Sqlite.hpp"

#include <sqlite3.h>

#include "autood/sdk/errors.hpp"

namespace autood::sqlite {

Database::Database(std::string path, bool create) : path_(std::move(path)) {
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw sdk::InputError(path_ + ": cannot open the trial store: " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  // The first statement reads the file: one that is not an SQLite database, or is damaged, fails
  // here, and SQLite's own words say which.
  try {
    execute("PRAGMA journal_mode=WAL");
    execute("PRAGMA synchronous=NORMAL");
  } catch (const sdk::InputError&) {
    sqlite3_close(db_);  // the destructor does not run for a constructor that throws
    db_ = nullptr;
    throw sdk::InputError(path_ + ": cannot open the trial store: " + last_error_);
  }
}

Database::~Database() { sqlite3_close(db_); }

void Database::fail(const std::string& what) const {
  last_error_ = sqlite3_errmsg(db_);
  throw sdk::InputError(path_ + ": " + what + ": " + last_error_);
}

void Database::execute(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    last_error_ = message;
    throw sdk::InputError(path_ + ": " + message + " (in: " + sql.substr(0, 80) + ")");
  }
}

Statement::Statement(Database& db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK)
    db.fail("cannot prepare '" + sql.substr(0, 80) + "'");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::bind(int position, const Cell& value) {
  int rc = SQLITE_OK;
  if (std::holds_alternative<std::monostate>(value))
    rc = sqlite3_bind_null(statement_, position);
  else if (auto* i = std::get_if<std::int64_t>(&value))
    rc = sqlite3_bind_int64(statement_, position, *i);
  else if (auto* d = std::get_if<double>(&value))
    rc = sqlite3_bind_double(statement_, position, *d);
  else if (auto* s = std::get_if<std::string>(&value))
    rc = sqlite3_bind_text(statement_, position, s->data(), static_cast<int>(s->size()),
                           SQLITE_TRANSIENT);
  else {
    const auto& b = std::get<std::vector<char>>(value);
    rc = sqlite3_bind_blob(statement_, position, b.data(), static_cast<int>(b.size()),
                           SQLITE_TRANSIENT);
  }
  if (rc != SQLITE_OK) db_.fail("cannot bind parameter " + std::to_string(position));
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail("a statement failed");
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int Statement::columns() const { return sqlite3_column_count(statement_); }
std::string Statement::column_name(int column) const {
  return sqlite3_column_name(statement_, column);
}
bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}
std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}
double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  return bytes ? std::string(reinterpret_cast<const char*>(bytes),
                             sqlite3_column_bytes(statement_, column))
               : std::string();
}

std::string Statement::blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  return bytes ? std::string(bytes, sqlite3_column_bytes(statement_, column)) : std::string();
}

Transaction::Transaction(Database& db) : db_(db) { db_.execute("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.execute("ROLLBACK");
  } catch (...) {
  }
}

void Transaction::commit() {
  db_.execute("COMMIT");
  done_ = true;
}

std::string quote_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace autood::sqlite
