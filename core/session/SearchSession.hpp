#pragma once
// One search from a config and loaded plugins to a finished run folder: the data and protocol,
// the space, the controller, the evaluator and the run folder, wired the same way for `search`,
// `resume`, `export`, `ablate` and the tests.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "autood/sdk/controller.hpp"
#include "autood/sdk/log.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "plugin/Registry.hpp"
#include "run/RunLock.hpp"
#include "search/ChildEvaluator.hpp"
#include "search/EvaluationSetup.hpp"
#include "search/SearchLoop.hpp"
#include "session/FinalTraining.hpp"
#include "session/RunDirectory.hpp"
#include "space/SearchSpace.hpp"

namespace autood {

class SearchSession {
 public:
  enum class Mode {
    Start,      // a new run folder; one that already holds a run is refused
    Overwrite,  // a new run folder, replacing a run that was there
    Resume,     // continue the run in the folder, refused if anything it depends on changed
    Open,       // a finished or stopped run, to export models from; nothing is searched
  };

  // How `search --continue` opens a folder: Resume if it is a run with trials, Overwrite if a run
  // was begun but killed before its trial store was made (nothing is lost), Start otherwise
  // (which refuses a folder that is not empty).
  static Mode continue_mode(const std::filesystem::path& run_dir);

  SearchSession(const Config& config, const Registry& registry,
                const std::filesystem::path& run_dir, Mode mode, sdk::Logger& log);
  ~SearchSession();

  // Runs (or continues) the search to its budget, then the final training when final.top_k is
  // set. With `progress`, reports each trial on the terminal. The model is in
  // run_folder().path() / "best" afterwards. `watcher` sees each trial after the run folder has
  // stored it; an exception it throws stops the search there, resumable like a killed one.
  SearchResult run(bool progress = true, SearchObserver* watcher = nullptr);
  // The final training's outcome after run(), when final.top_k > 0.
  const std::optional<FinalOutcome>& finals() const { return finals_; }

  // Trains a stored trial again from its seed, for export; warns if its reward differs.
  Evaluation retrain(const TrialRecord& trial);

  const DataSplits& data() const { return setup_->data; }
  const SearchSpace& space() const { return *setup_->space; }
  // The evaluator that trains children in this process (finals, retraining, and the search
  // itself unless distribute() hands it elsewhere).
  ChildEvaluator& evaluator() { return *setup_->evaluator; }
  // The search's children go to `batches` instead, and `on_search_end` runs once the search
  // loop is done, before the final training (a distributed search stops its workers there).
  void distribute(BatchEvaluator& batches, std::function<void()> on_search_end) {
    batches_ = &batches;
    on_search_end_ = std::move(on_search_end);
  }
  const Config& config() const { return config_; }
  RunDirectory& run_folder() { return *run_; }

 private:
  void ensure_best_model(const SearchResult& result);

  const Config& config_;
  const Registry& registry_;
  sdk::Logger& log_;
  std::unique_ptr<EvaluationSetup> setup_;
  std::shared_ptr<sdk::Controller> controller_;
  BatchEvaluator* batches_ = nullptr;
  std::function<void()> on_search_end_;
  std::unique_ptr<RunLock> lock_;  // before run_: released after the run folder is closed
  std::unique_ptr<RunDirectory> run_;
  Mode mode_;
  std::optional<FinalOutcome> finals_;
};

}  // namespace autood
