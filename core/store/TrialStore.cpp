#include "store/TrialStore.hpp"

#include <cmath>
#include <map>
#include <sstream>

#include "autood/sdk/errors.hpp"
#include "io/AtomicFile.hpp"
#include "io/CsvField.hpp"
#include "space/SearchSpace.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

// Bumped when the schema changes in a way older readers would misread.
constexpr const char* kFormat = "1";

// The fixed columns, in order; decision columns follow them.
constexpr const char* kColumns[] = {
    "trial",           "status",       "message",          "reward",       "val_auroc",
    "val_aupr_in",     "val_aupr_out", "test_auroc",       "test_aupr_in", "test_aupr_out",
    "val_pixel_auroc", "val_pro",      "test_pixel_auroc", "test_pro",     "seconds",
    "epochs",          "cached",       "architecture",     "description"};

constexpr const char* kPartialRewardsTable =
    "CREATE TABLE IF NOT EXISTS partial_rewards (trial INTEGER PRIMARY KEY, reward REAL NOT NULL)";

TrialStatus parse_status(const std::string& text, const std::string& where) {
  for (auto status : {TrialStatus::Ok, TrialStatus::Timeout, TrialStatus::Rejected,
                      TrialStatus::Diverged, TrialStatus::Failed, TrialStatus::Pruned})
    if (text == to_string(status)) return status;
  throw sdk::InputError(where + ": unknown trial status '" + text + "'");
}

sdk::Architecture parse_architecture(const std::string& key, const std::string& where) {
  sdk::Architecture architecture;
  std::stringstream in(key);
  std::string part;
  while (std::getline(in, part, '-')) {
    try {
      std::size_t used = 0;
      architecture.push_back(std::stoll(part, &used));
      if (used != part.size()) throw std::invalid_argument(part);
    } catch (const std::exception&) {
      throw sdk::InputError(where + ": architecture '" + key + "' is not a list of option indices");
    }
  }
  return architecture;
}

void bind_cells(sqlite::Statement& statement, const std::vector<sqlite::Cell>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) statement.bind(static_cast<int>(i + 1), cells[i]);
}

// Binds one row's cells to `insert` and commits it in its own transaction.
void insert_row(sqlite::Database& db, sqlite::Statement& insert,
                const std::vector<sqlite::Cell>& cells) {
  bind_cells(insert, cells);
  sqlite::Transaction transaction(db);
  insert.step();
  transaction.commit();
}

sqlite::Cell pixel_cell(const TrialRecord& r, double value) {
  return r.pixel_level ? sqlite::Cell(value) : sqlite::Cell();
}

// The six image-level metrics, validation then test, in the column order of both tables.
void append_metrics(std::vector<sqlite::Cell>& cells, const TrialRecord& r) {
  for (const auto* m : {&r.validation, &r.test})
    cells.insert(cells.end(), {m->auroc, m->aupr_in, m->aupr_out});
}

// SQLite stores a NaN as NULL: a child whose test scores were not finite reads back as such.
DetectionMetrics test_metrics_from(const sqlite::Statement& select, int first_column) {
  auto value = [&](int column) {
    return select.is_null(column) ? std::nan("") : select.real(column);
  };
  return {value(first_column), value(first_column + 1), value(first_column + 2)};
}

}  // namespace

TrialStore::TrialStore(const fs::path& file, bool create) : db_(file.string(), create) {}

std::unique_ptr<TrialStore> TrialStore::create(const fs::path& file,
                                               const std::vector<std::string>& decision_names) {
  std::unique_ptr<TrialStore> store(new TrialStore(file, true));
  // trial counts from 1, as progress lines, reports and `export --trial` do.
  std::string columns =
      "trial INTEGER PRIMARY KEY, status TEXT NOT NULL, message TEXT NOT NULL, reward REAL NOT "
      "NULL, "
      "val_auroc REAL, val_aupr_in REAL, val_aupr_out REAL, test_auroc REAL, test_aupr_in REAL, "
      "test_aupr_out REAL, val_pixel_auroc REAL, val_pro REAL, test_pixel_auroc REAL, test_pro "
      "REAL, "
      "seconds REAL NOT NULL, epochs INTEGER NOT NULL, cached INTEGER NOT NULL, architecture TEXT "
      "NOT NULL, "
      "description TEXT NOT NULL";
  for (const auto& name : decision_names)
    columns += ", " + sqlite::quote_identifier(name) + " TEXT";
  sqlite::Transaction transaction(store->db_);
  store->db_.execute("CREATE TABLE trials (" + columns + ")");
  store->db_.execute("CREATE TABLE run_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  store->db_.execute(
      "CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), observed INTEGER NOT NULL, "
      "controller_state BLOB NOT NULL)");
  transaction.commit();
  store->set_info("format", kFormat);
  store->decision_columns_ = decision_names;
  return store;
}

std::unique_ptr<TrialStore> TrialStore::open(const fs::path& file) {
  if (!fs::exists(file)) throw sdk::InputError(file.string() + ": no trial store here");
  std::unique_ptr<TrialStore> store(new TrialStore(file, false));
  // Only a sound database without autood's run_info table is not a trial store; a damaged file
  // fails these reads, and SQLite's own words say so.
  std::optional<std::string> format;
  try {
    sqlite::Statement table(
        store->db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run_info'");
    if (table.step()) format = store->info("format");
  } catch (const sdk::InputError&) {
    throw sdk::InputError(file.string() +
                          ": cannot read the trial store: " + store->db_.last_error());
  }
  if (!format) throw sdk::InputError(file.string() + ": not an autood trial store");
  if (*format != kFormat)
    throw sdk::InputError(file.string() + ": trial store format " + *format +
                          ", this autood reads " + kFormat);
  sqlite::Statement columns(store->db_, "SELECT * FROM trials LIMIT 0");
  for (int c = static_cast<int>(std::size(kColumns)); c < columns.columns(); ++c)
    store->decision_columns_.push_back(columns.column_name(c));
  return store;
}

void TrialStore::add(const TrialRecord& r, const std::vector<std::string>& decision_values) {
  if (decision_values.size() != decision_columns_.size())
    throw std::logic_error("a trial has " + std::to_string(decision_values.size()) +
                           " decisions; the store has " + std::to_string(decision_columns_.size()));
  std::string sql = "INSERT INTO trials VALUES (?";
  for (std::size_t i = 1; i < std::size(kColumns) + decision_values.size(); ++i) sql += ", ?";
  sqlite::Statement insert(db_, sql + ")");
  std::vector<sqlite::Cell> cells{r.index + 1, std::string(to_string(r.status)), r.message,
                                  r.reward};
  append_metrics(cells, r);
  cells.insert(
      cells.end(),
      {pixel_cell(r, r.validation_pixels.pixel_auroc), pixel_cell(r, r.validation_pixels.pro),
       pixel_cell(r, r.test_pixels.pixel_auroc), pixel_cell(r, r.test_pixels.pro), r.seconds,
       r.epochs, std::int64_t{r.cached ? 1 : 0}, SearchSpace::key(r.architecture), r.description});
  for (const auto& value : decision_values) cells.emplace_back(value);
  if (!r.partial_reward) {
    insert_row(db_, insert, cells);
    return;
  }
  // The partial reward lives in its own table, so that stores from before pruning still read;
  // it commits with its trial, so a resumed search takes the same medians.
  db_.execute(kPartialRewardsTable);
  bind_cells(insert, cells);
  sqlite::Statement partial(db_, "INSERT INTO partial_rewards VALUES (?, ?)");
  bind_cells(partial, {r.index + 1, *r.partial_reward});
  sqlite::Transaction transaction(db_);
  insert.step();
  partial.step();
  transaction.commit();
}

std::vector<TrialRecord> TrialStore::trials() {
  std::map<std::int64_t, double> partial_rewards;
  if (sqlite::Statement exists(
          db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'partial_rewards'");
      exists.step()) {
    sqlite::Statement partial(db_, "SELECT trial, reward FROM partial_rewards");
    while (partial.step()) partial_rewards[partial.integer(0)] = partial.real(1);
  }
  sqlite::Statement select(db_, "SELECT * FROM trials ORDER BY trial");
  std::vector<TrialRecord> trials;
  while (select.step()) {
    TrialRecord r;
    r.index = select.integer(0) - 1;
    const std::string where = path() + ": trial " + std::to_string(r.index);
    r.status = parse_status(select.text(1), where);
    r.message = select.text(2);
    r.reward = select.real(3);
    r.validation = {select.real(4), select.real(5), select.real(6)};
    r.test = test_metrics_from(select, 7);
    r.pixel_level = !select.is_null(10);
    if (r.pixel_level) {
      r.validation_pixels.pixel_auroc = select.real(10);
      r.validation_pixels.pro = select.real(11);
      r.test_pixels.pixel_auroc = select.real(12);
      r.test_pixels.pro = select.real(13);
    }
    r.seconds = select.real(14);
    r.epochs = select.integer(15);
    r.cached = select.integer(16) != 0;
    r.architecture = parse_architecture(select.text(17), where);
    r.description = select.text(18);
    if (auto found = partial_rewards.find(r.index + 1); found != partial_rewards.end())
      r.partial_reward = found->second;
    trials.push_back(std::move(r));
  }
  return trials;
}

std::int64_t TrialStore::count() {
  sqlite::Statement select(db_, "SELECT COUNT(*) FROM trials");
  select.step();
  return select.integer(0);
}

namespace {

void ensure_finals_table(sqlite::Database& db) {
  db.execute(
      "CREATE TABLE IF NOT EXISTS finals (trial INTEGER PRIMARY KEY, rank INTEGER NOT NULL, "
      "status TEXT NOT NULL, message TEXT NOT NULL, search_reward REAL NOT NULL, reward REAL NOT "
      "NULL, val_auroc REAL, val_aupr_in REAL, val_aupr_out REAL, test_auroc REAL, test_aupr_in "
      "REAL, test_aupr_out REAL, epochs INTEGER NOT NULL, seconds REAL NOT NULL, in_model INTEGER "
      "NOT NULL, description TEXT NOT NULL)");
}

}  // namespace

void TrialStore::add_final(const FinalRecord& f) {
  ensure_finals_table(db_);
  const auto& r = f.record;
  sqlite::Statement insert(
      db_, "INSERT OR REPLACE INTO finals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::vector<sqlite::Cell> cells{r.index + 1, f.rank,          std::string(to_string(r.status)),
                                  r.message,   f.search_reward, r.reward};
  append_metrics(cells, r);
  cells.insert(cells.end(), {r.epochs, r.seconds, std::int64_t{f.in_model ? 1 : 0}, r.description});
  insert_row(db_, insert, cells);
}

std::vector<FinalRecord> TrialStore::finals() {
  // A reader (the report) must not write: a run without final training has no table.
  sqlite::Statement exists(db_,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'finals'");
  if (!exists.step()) return {};
  sqlite::Statement select(db_, "SELECT * FROM finals ORDER BY rank");
  std::vector<FinalRecord> finals;
  while (select.step()) {
    FinalRecord f;
    auto& r = f.record;
    r.index = select.integer(0) - 1;
    f.rank = select.integer(1);
    r.status =
        parse_status(select.text(2), path() + ": final of trial " + std::to_string(r.index + 1));
    r.message = select.text(3);
    f.search_reward = select.real(4);
    r.reward = select.real(5);
    r.validation = {select.real(6), select.real(7), select.real(8)};
    r.test = test_metrics_from(select, 9);
    r.epochs = select.integer(12);
    r.seconds = select.real(13);
    f.in_model = select.integer(14) != 0;
    r.description = select.text(15);
    finals.push_back(std::move(f));
  }
  return finals;
}

void TrialStore::mark_model_finals(const std::vector<std::int64_t>& trials) {
  ensure_finals_table(db_);
  sqlite::Transaction transaction(db_);
  db_.execute("UPDATE finals SET in_model = 0");
  sqlite::Statement update(db_, "UPDATE finals SET in_model = 1 WHERE trial = ?");
  for (auto trial : trials) {
    update.bind(1, trial + 1);
    update.step();
    update.reset();
  }
  transaction.commit();
}

void TrialStore::save_checkpoint(const Checkpoint& checkpoint) {
  sqlite::Statement upsert(db_, "INSERT OR REPLACE INTO checkpoint VALUES (1, ?, ?)");
  upsert.bind(1, checkpoint.observed);
  upsert.bind(
      2, std::vector<char>(checkpoint.controller_state.begin(), checkpoint.controller_state.end()));
  sqlite::Transaction transaction(db_);
  upsert.step();
  transaction.commit();
}

std::optional<Checkpoint> TrialStore::checkpoint() {
  sqlite::Statement select(db_, "SELECT observed, controller_state FROM checkpoint WHERE id = 1");
  if (!select.step()) return std::nullopt;
  return Checkpoint{select.integer(0), select.blob(1)};
}

void TrialStore::set_info(const std::string& key, const std::string& value) {
  sqlite::Statement upsert(db_, "INSERT OR REPLACE INTO run_info VALUES (?, ?)");
  upsert.bind(1, key).bind(2, value);
  upsert.step();
}

std::optional<std::string> TrialStore::info(const std::string& key) {
  sqlite::Statement select(db_, "SELECT value FROM run_info WHERE key = ?");
  select.bind(1, key);
  if (!select.step()) return std::nullopt;
  return select.text(0);
}

void TrialStore::write_csv(const fs::path& file) {
  std::ostringstream out;
  sqlite::Statement select(db_, "SELECT * FROM trials ORDER BY trial");
  for (int c = 0; c < select.columns(); ++c)
    out << (c ? "," : "") << csv_field(select.column_name(c));
  out << "\n";
  while (select.step()) {
    for (int c = 0; c < select.columns(); ++c) out << (c ? "," : "") << csv_field(select.text(c));
    out << "\n";
  }
  write_file_atomically(file, out.str());
}

}  // namespace autood
