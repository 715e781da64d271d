#pragma once
// The run folder's record of a search: trials.sqlite. One row per evaluated child, committed in
// its own transaction the moment the child finishes, and a checkpoint (how many trials the
// controller has observed, and its state) committed after each batch. `sqlite3 trials.sqlite`
// and pandas.read_sql read it as it is.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/Sqlite.hpp"
#include "store/TrialRecord.hpp"

namespace autood {

// What the controller had seen when its state was saved.
struct Checkpoint {
  std::int64_t observed = 0;  // trials 0 .. observed-1 were observed, in whole batches
  std::string controller_state;
};

// A search child trained again at full fidelity after the search (final.top_k).
struct FinalRecord {
  std::int64_t rank = 0;       // 1 for the best search reward
  double search_reward = 0.0;  // the reward the search measured
  TrialRecord record;          // the final training's: index is the trial's
  bool in_model = false;       // the model (best/) is this final, or an ensemble holding it
};

class TrialStore {
 public:
  // A new store with one text column per decision (the chosen option's name or value).
  static std::unique_ptr<TrialStore> create(const std::filesystem::path& file,
                                            const std::vector<std::string>& decision_names);
  // An existing store; throws sdk::InputError naming the file if it is not one, or, in SQLite's
  // words, if SQLite cannot read it (not a database, damaged).
  static std::unique_ptr<TrialStore> open(const std::filesystem::path& file);

  // One transaction: after it returns, the row survives a kill of the process.
  void add(const TrialRecord& record, const std::vector<std::string>& decision_values);
  std::vector<TrialRecord> trials();
  std::int64_t count();

  // The finals table, created when the first final is stored; a final stored again replaces
  // the row (a resumed run retrains what a kill interrupted).
  void add_final(const FinalRecord& final);
  std::vector<FinalRecord> finals();
  void mark_model_finals(const std::vector<std::int64_t>& trials);  // 0-based trial indices

  void save_checkpoint(const Checkpoint& checkpoint);
  std::optional<Checkpoint> checkpoint();

  // Facts about the run (config, space, data fingerprint) that resume compares against.
  void set_info(const std::string& key, const std::string& value);
  std::optional<std::string> info(const std::string& key);

  // Every column of every trial, as CSV with a header, for spreadsheets.
  void write_csv(const std::filesystem::path& file);

  const std::string& path() const { return db_.path(); }

 private:
  explicit TrialStore(const std::filesystem::path& file, bool create);

  sqlite::Database db_;
  std::vector<std::string> decision_columns_;
};

}  // namespace autood
