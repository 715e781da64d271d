#pragma once
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "autood/sdk/log.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "plugin/Registry.hpp"
#include "run/RunIdentity.hpp"
#include "search/SearchLoop.hpp"
#include "space/SearchSpace.hpp"
#include "store/TrialStore.hpp"

namespace autood {

struct FinalOutcome;

// What a run folder describes: the search's config, plugins, space and data.
struct RunContext {
  const Config& config;
  const Registry& registry;
  const SearchSpace& space;
  const DataSplits& data;
};

// The run folder (SPEC section 8), written as the search goes so that nothing finished is lost
// (RunFolder.hpp says what it owns, RunLock.hpp who may write it):
//   autood-run.toml        the marker: this folder is an autood run, of this format
//   autood-run.lock        locked by the one process that writes the run
//   config.toml            the resolved config
//   space.json             every plugin's name and version, and every decision's options
//   splits.csv             which source row each train, validation and test sample is
//   trials.sqlite          one row per evaluated child, and the controller's checkpoint
//   controller_state.bin   the controller's state after the last batch (also in the store)
//   best/                  the best model so far, self-contained (see ModelBundle), replaced whole;
//                          after final training, the final model (or ensemble)
//   finals/trial-N/        each final training's model (final.top_k)
//   summary.json           the best trial and its test metrics, at the end
class RunDirectory : public SearchObserver {
 public:
  // Throws sdk::InputError unless a new run may go into `dir`: it is new or empty (but for a
  // lock or a marker cut short), or it is a run and `overwrite` is set and it holds nothing
  // autood did not write.
  static void check_can_create(const std::filesystem::path& dir, bool overwrite);
  // A new run, after check_can_create, by the holder of the folder's RunLock; with `overwrite`,
  // the run that was there is deleted (its own files only).
  static std::unique_ptr<RunDirectory> create(const std::filesystem::path& dir,
                                              const RunContext& context, bool overwrite);
  // The run in `dir` (require_run), to resume, by the holder of its RunLock: refused when its
  // config, plugins, space or data changed.
  static std::unique_ptr<RunDirectory> reopen(const std::filesystem::path& dir,
                                              const RunContext& context);

  // The stored trials and what the controller had observed; its saved state is in `state`.
  ResumePoint resume_point(std::string& state);

  void on_child_done(const Evaluation& evaluation) override;
  void on_trial(const TrialRecord& record, bool new_best) override;
  void on_batch_end(const sdk::Controller& controller,
                    const std::vector<TrialRecord>& trials) override;
  // summary.json; with final training, the finals and the model they made beside the search's.
  void write_summary(const SearchResult& result, double seconds,
                     const FinalOutcome* finals = nullptr);

  // Writes `evaluation`'s child as a self-contained model into `dir` (replaced whole).
  // `final` marks a child trained again after the search (final training).
  void save_model(const Evaluation& evaluation, const std::filesystem::path& dir,
                  bool final = false) const;
  // The trial whose model best/ holds, or -1 if it holds none or one that does not read (its
  // checksums checked), which `log` is told.
  std::int64_t best_model_trial(sdk::Logger& log) const;

  const std::filesystem::path& path() const { return dir_; }
  TrialStore& store() { return *store_; }

 private:
  RunDirectory(std::filesystem::path dir, const RunContext& context);
  void store_trial(const TrialRecord& record);
  // Takes (reward, trial) as the best if it beats the best so far; says whether it did.
  bool note_best(double reward, std::int64_t trial);

  std::filesystem::path dir_;
  RunContext context_;
  std::unique_ptr<TrialStore> store_;
  std::set<std::int64_t> stored_;
  double best_reward_ = -1.0;
  std::int64_t best_trial_ = -1;
};

// A fresh folder name under runs/, from the config's name and the time.
std::filesystem::path default_run_dir(const std::string& config_file);

// The config a run in `run_dir` resumes with: its own config.toml. Throws sdk::InputError when
// the folder is not a run (require_run), or was stopped before it stored its config.
std::filesystem::path config_to_resume(const std::filesystem::path& run_dir);

// The config, plugins, space and data a run is made of; resume and distributed workers must see
// the same.
RunIdentity identity_of(const RunContext& context);

}  // namespace autood
