#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements with bound values,
// and transactions that roll back unless committed. Every error names the database file.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace autood::sqlite {

// NULL, an integer, a real, text, or a blob (std::vector<char>).
using Cell = std::variant<std::monostate, std::int64_t, double, std::string, std::vector<char>>;

class Database;

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int position, const Cell& value);  // 1-based, as SQLite counts
  // Runs one step: true while a row is available, false when done.
  bool step();
  void reset();

  int columns() const;
  std::string column_name(int column) const;
  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* statement_ = nullptr;
};

class Database {
 public:
  // Opens (creating if needed) the file, in WAL mode with synchronous=NORMAL, so that a commit
  // survives a killed process and readers never block the writer.
  explicit Database(std::string path, bool create = true);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void execute(const std::string& sql);
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& what) const;
  // SQLite's words for the last failure thrown here, kept because a statement finalized while the
  // error unwinds resets SQLite's own message.
  const std::string& last_error() const { return last_error_; }
  sqlite3* handle() { return db_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  mutable std::string last_error_;
};

// BEGIN IMMEDIATE now; ROLLBACK in the destructor unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// "name" with quotes doubled: column names such as layer1.transform need quoting.
std::string quote_identifier(const std::string& name);

}  // namespace autood::sqlite
