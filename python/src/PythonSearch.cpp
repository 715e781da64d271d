#include "PythonSearch.hpp"

#include <filesystem>
#include <optional>

#include "TrialDicts.hpp"
#include "autood/sdk/errors.hpp"
#include "log/Logging.hpp"
#include "report/HtmlReport.hpp"
#include "run/RunFolder.hpp"
#include "session/RunDirectory.hpp"
#include "session/SearchSession.hpp"
#include "store/TrialStore.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace autood::python {
namespace {

SearchSession::Mode mode_named(const std::string& mode, const fs::path& run_dir) {
  if (mode == "start") return SearchSession::Mode::Start;
  if (mode == "overwrite") return SearchSession::Mode::Overwrite;
  if (mode == "resume") return SearchSession::Mode::Resume;
  if (mode == "continue") {
    if (run_dir.empty()) throw sdk::InputError("continuing a search needs its run_dir");
    return SearchSession::continue_mode(run_dir);
  }
  throw sdk::InputError("search mode '" + mode +
                        "' is not one of: start, overwrite, continue, resume");
}

// Python's view of a search in progress: its callback after each stored trial, and its pending
// signals (Ctrl-C). Either one's exception stops the search at the end of the batch, once the
// run folder holds the controller's state, so that a resume goes on with the next batch.
class PythonWatcher : public SearchObserver {
 public:
  explicit PythonWatcher(py::object on_trial) : on_trial_(std::move(on_trial)) {}
  void on_trial(const TrialRecord& record, bool new_best) override {
    py::gil_scoped_acquire gil;
    if (stop_ || on_trial_.is_none()) return;
    try {
      on_trial_(trial_dict(record), new_best);
    } catch (py::error_already_set& error) {
      stop_ = std::move(error);
    }
  }
  void on_batch_end(const sdk::Controller&, const std::vector<TrialRecord>&) override {
    py::gil_scoped_acquire gil;
    if (!stop_ && PyErr_CheckSignals() != 0) stop_ = py::error_already_set();
    if (stop_) throw std::move(*stop_);
  }

 private:
  py::object on_trial_;
  std::optional<py::error_already_set> stop_;
};

std::unique_ptr<TrialStore> open_store(const fs::path& run_dir) {
  require_run(run_dir);
  return TrialStore::open(run_dir / "trials.sqlite");
}

}  // namespace

std::string run_search(CommonOptions options, const std::string& run_dir, const std::string& mode,
                       bool progress, py::object on_trial) {
  const auto search_mode = mode_named(mode, run_dir);
  // resume takes the run's own config; continue keeps the caller's, which the run's identity
  // check refuses if it changed (as the CLI's --continue).
  if (mode == "resume") options.config_file = config_to_resume(run_dir).string();
  auto session = open_session(options);
  const auto dir = run_dir.empty() ? default_run_dir(session->config.file) : fs::path(run_dir);
  PythonWatcher watcher(std::move(on_trial));
  {
    py::gil_scoped_release release;
    SearchSession search(session->config, session->registry, dir, search_mode, host_logger());
    search.run(progress, &watcher);
    write_report(search.run_folder().path(), host_logger());
  }
  return dir.string();
}

py::list read_trials(const std::string& run_dir) {
  py::list trials;
  for (const auto& record : open_store(run_dir)->trials()) trials.append(trial_dict(record));
  return trials;
}

py::list read_finals(const std::string& run_dir) {
  py::list finals;
  for (const auto& final : open_store(run_dir)->finals()) {
    auto d = trial_dict(final.record);
    d["rank"] = final.rank;
    d["search_reward"] = final.search_reward;
    d["in_model"] = final.in_model;
    finals.append(d);
  }
  return finals;
}

}  // namespace autood::python
