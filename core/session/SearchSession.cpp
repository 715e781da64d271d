#include "session/SearchSession.hpp"

#include <fmt/format.h>

#include <chrono>

#include "autood/sdk/errors.hpp"
#include "model/AnomalyMaps.hpp"
#include "model/ModelBundle.hpp"
#include "plugin/OptionCheck.hpp"
#include "run/RunFolder.hpp"
#include "search/Seeds.hpp"
#include "session/Progress.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

// The controller's options are checked before any data is loaded, so a typo fails at once.
sdk::ControllerContext controller_context(const Config& config, const Registry& registry,
                                          sdk::Logger& log) {
  const auto& choice = registry.get<sdk::ControllerChoice>(config.controller.name);
  sdk::ControllerContext context;
  context.seed = controller_seed(config.search.seed, config.controller.name,
                                 config.controller.common_random_numbers);
  context.params = resolve_options(choice.params, config.controller.options, "controller");
  context.log = &log;
  return context;
}

}  // namespace

SearchSession::Mode SearchSession::continue_mode(const std::filesystem::path& run_dir) {
  if (!is_run(run_dir)) return Mode::Start;  // which refuses any folder that holds something
  return fs::exists(run_dir / "trials.sqlite") ? Mode::Resume : Mode::Overwrite;
}

SearchSession::SearchSession(const Config& config, const Registry& registry,
                             const fs::path& run_dir, Mode mode, sdk::Logger& log)
    : config_(config), registry_(registry), log_(log), mode_(mode) {
  // Before the folder is touched; prepare_evaluation checks them again for the hosts that come
  // without a session.
  check_hypothesis_options(config.hypothesis, registry);
  const bool fresh = mode == Mode::Start || mode == Mode::Overwrite;
  auto check = [&] {
    if (fresh)
      RunDirectory::check_can_create(run_dir, mode == Mode::Overwrite);
    else
      require_run(run_dir);
  };
  // Before the data is loaded, so that a taken folder is refused at once, and before anything is
  // written: a folder that is not autood's is left as it was.
  check();
  // One writer: the folder is locked before anything in it is read, written or deleted, and
  // checked again under the lock, since another process may have begun a run there meanwhile.
  if (fresh) create_run_folder(run_dir);
  lock_ = std::make_unique<RunLock>(run_dir);
  check();
  auto context = controller_context(config, registry, log);
  setup_ = prepare_evaluation(config, registry, log);
  context.option_counts = setup_->space->option_counts();
  const auto& choice = registry.get<sdk::ControllerChoice>(config.controller.name);
  controller_ = choice.create(context);
  if (!controller_) throw std::runtime_error("controller '" + choice.name + "' returned nothing");
  RunContext run_context{config_, registry_, space(), data()};
  if (fresh)
    run_ = RunDirectory::create(run_dir, run_context, mode == Mode::Overwrite);
  else
    run_ = RunDirectory::reopen(run_dir, run_context);
}

SearchSession::~SearchSession() = default;

SearchResult SearchSession::run(bool progress, SearchObserver* watcher) {
  const auto started = std::chrono::steady_clock::now();
  std::string state;
  ResumePoint resume;
  if (mode_ == Mode::Resume || mode_ == Mode::Open) {
    resume = run_->resume_point(state);
    if (!state.empty()) controller_->load_state(state);
    log_.info(fmt::format("resuming {}: {} trials stored, {} observed by the controller",
                          run_->path().string(), resume.stored.size(), resume.observed));
  }
  SearchLoop loop(*controller_, batches_ ? *batches_ : *setup_->evaluator, config_.search);
  Progress reporter(config_.search.budget, resume, log_);
  if (progress) loop.add_observer(reporter);
  loop.add_observer(*run_);
  if (watcher) loop.add_observer(*watcher);
  auto result = loop.run(resume);
  reporter.finish();
  if (on_search_end_) on_search_end_();
  if (config_.final.top_k > 0 && result.best)
    finals_ = run_final_training(result.trials, config_, registry_, space(), data(), *run_, log_);
  if (!finals_ || finals_->model_trials.empty()) ensure_best_model(result);
  if (result.best && data().train.dim() == 4) {
    // Reading best/ back also proves it self-contained before the search reports it.
    auto model = read_model_bundle(run_->path() / "best", registry_, log_);
    write_example_maps(model, data(), run_->path() / "best");
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  run_->write_summary(result, seconds, finals_ ? &*finals_ : nullptr);
  log_.info(fmt::format("search took {:.1f} s", seconds));
  return result;
}

// best/ is written when a child beats the best so far; a run killed between writing a model
// and storing its row, whose child then trained differently, is the one case left to repair.
void SearchSession::ensure_best_model(const SearchResult& result) {
  if (!result.best) return;
  const auto& best = result.trials[*result.best];
  if (run_->best_model_trial(log_) == best.index) return;
  log_.warn(
      fmt::format("best/ does not hold trial {}; training it again to save it", best.index + 1));
  auto evaluation = retrain(best);
  if (evaluation.child) run_->save_model(evaluation, run_->path() / "best");
}

Evaluation SearchSession::retrain(const TrialRecord& trial) {
  auto evaluation = setup_->evaluator->evaluate(
      trial.architecture, trial.index,
      trial_seed(static_cast<std::uint64_t>(config_.search.seed), trial.index));
  if (!evaluation.child)
    throw sdk::InputError(fmt::format("trial {} did not train again: {} {}", trial.index + 1,
                                      to_string(evaluation.record.status),
                                      evaluation.record.message));
  if (std::abs(evaluation.record.reward - trial.reward) > 1e-6)
    log_.warn(fmt::format("trial {} trained again reached reward {:.6f}, the search stored {:.6f}",
                          trial.index + 1, evaluation.record.reward, trial.reward));
  return evaluation;
}

}  // namespace autood
