#include "session/FinalTraining.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "io/AtomicFile.hpp"
#include "io/CrashPoint.hpp"
#include "model/ChildReward.hpp"
#include "model/ChildScoring.hpp"
#include "model/Ensemble.hpp"
#include "model/ModelBundle.hpp"
#include "search/ChildEvaluator.hpp"
#include "search/Seeds.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

struct FinalScores {
  std::vector<double> validation, test;
};

// One final: trained and saved, or read back from a killed run's folder.
class FinalTrainer {
 public:
  FinalTrainer(const Config& config, const Registry& registry, const SearchSpace& space,
               const DataSplits& data, RunDirectory& run, sdk::Logger& log)
      : config_(config),
        registry_(registry),
        data_(data),
        run_(run),
        log_(log),
        train_(final_train_config(config)),
        evaluator_(registry, space, data, train_, config.score, log, config.hypothesis) {
    evaluator_.keep_best_epoch(config.final.keep_best_epoch);
    for (auto& f : run.store().finals()) stored_[f.record.index] = f;
  }

  static fs::path folder(RunDirectory& run, std::int64_t trial) {
    return run.path() / "finals" / ("trial-" + std::to_string(trial + 1));
  }

  FinalRecord train(const TrialRecord& candidate, std::int64_t rank, FinalScores& scores) {
    const auto dir = folder(run_, candidate.index);
    auto stored = stored_.find(candidate.index);
    if (stored != stored_.end() && fs::exists(dir / "model.toml")) {
      auto model = read_model_bundle(dir, registry_, log_);
      scores.validation = to_doubles(model_scores(model, data_.validation.samples));
      scores.test = to_doubles(model_scores(model, data_.test.samples));
      log_.info(fmt::format("final {}: trial {} read back from {}", rank, candidate.index + 1,
                            dir.string()));
      return stored->second;
    }
    if (stored != stored_.end() && !scored(stored->second.record.status)) return stored->second;
    log_.info(fmt::format("final {}: training trial {} again for {} epochs", rank,
                          candidate.index + 1, train_.epochs));
    auto evaluation = evaluator_.evaluate(
        candidate.architecture, candidate.index,
        trial_seed(static_cast<std::uint64_t>(config_.search.seed), candidate.index));
    FinalRecord final{rank, candidate.reward, evaluation.record, false};
    if (evaluation.child) {
      run_.save_model(evaluation, dir, /*final=*/true);
      scores.validation = std::move(evaluation.validation_scores);
      scores.test = std::move(evaluation.test_scores);
    }
    run_.store().add_final(final);  // after its bundle, so that a stored final has one
    crash_point("final-stored");
    return final;
  }

 private:
  static TrainConfig final_train_config(const Config& config) {
    TrainConfig train = config.train;
    if (config.final.epochs > 0) train.epochs = config.final.epochs;
    train.max_seconds = config.final.max_seconds;
    train.subset = 0;
    return train;
  }

  const Config& config_;
  const Registry& registry_;
  const DataSplits& data_;
  RunDirectory& run_;
  sdk::Logger& log_;
  TrainConfig train_;  // before evaluator_, which is built from it
  ChildEvaluator evaluator_;
  std::map<std::int64_t, FinalRecord> stored_;
};

void install_ensemble(const std::vector<std::size_t>& members,
                      const std::vector<FinalScores>& scores, const Config& config,
                      const DataSplits& data, RunDirectory& run, FinalOutcome& outcome) {
  EnsembleMembers ensemble;
  std::vector<std::vector<double>> validation, test;
  for (auto m : members) {
    const auto trial = outcome.finals[m].record.index;
    ensemble.bundles.push_back(FinalTrainer::folder(run, trial));
    ensemble.trials.push_back(trial);
    ensemble.scales.push_back(scale_on_inliers(scores[m].validation, data.validation.is_outlier));
    validation.push_back(scores[m].validation);
    test.push_back(scores[m].test);
  }
  auto validation_scores = combine_scores(validation, ensemble.scales);
  auto test_scores = combine_scores(test, ensemble.scales);
  outcome.validation = detection_metrics(validation_scores, data.validation.is_outlier);
  outcome.test = test_metrics(test_scores, data.test.is_outlier);
  outcome.reward = reward_of(data, outcome.validation, {});

  ModelFacts facts;
  facts.trial = ensemble.trials.front();
  facts.reward = outcome.reward;
  facts.test = outcome.test;
  facts.data_description = data.description;
  facts.threshold_fpr = config.score.threshold_fpr;
  facts.threshold =
      threshold_at_fpr(validation_scores, data.validation.is_outlier, facts.threshold_fpr);
  facts.epochs = outcome.finals[members.front()].record.epochs;
  facts.final = true;
  fs::path staging = run.path() / "best.staging";
  fs::remove_all(staging);
  write_ensemble_bundle(
      staging, ensemble, config, data, facts,
      {{"validation", &data.validation, &validation_scores}, {"test", &data.test, &test_scores}});
  replace_folder_atomically(staging, run.path() / "best");
}

void install_single(const FinalRecord& final, RunDirectory& run, FinalOutcome& outcome) {
  fs::path staging = run.path() / "best.staging";
  fs::remove_all(staging);
  fs::copy(FinalTrainer::folder(run, final.record.index), staging, fs::copy_options::recursive);
  replace_folder_atomically(staging, run.path() / "best");
  outcome.reward = final.record.reward;
  outcome.validation = final.record.validation;
  outcome.test = final.record.test;
}

}  // namespace

std::vector<TrialRecord> final_candidates(const std::vector<TrialRecord>& trials,
                                          std::int64_t top_k) {
  std::vector<TrialRecord> trained;
  for (const auto& t : trials)
    if (scored(t.status) && !t.cached) trained.push_back(t);
  std::stable_sort(trained.begin(), trained.end(),
                   [](const TrialRecord& a, const TrialRecord& b) { return a.reward > b.reward; });
  if (static_cast<std::int64_t>(trained.size()) > top_k)
    trained.resize(static_cast<std::size_t>(std::max<std::int64_t>(top_k, 0)));
  return trained;
}

std::vector<std::size_t> best_finals(const std::vector<FinalRecord>& finals, std::size_t count) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < finals.size(); ++i)
    if (scored(finals[i].record.status)) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (finals[a].record.reward != finals[b].record.reward)
      return finals[a].record.reward > finals[b].record.reward;
    return finals[a].rank < finals[b].rank;
  });
  if (order.size() > count) order.resize(count);
  return order;
}

FinalOutcome run_final_training(const std::vector<TrialRecord>& trials, const Config& config,
                                const Registry& registry, const SearchSpace& space,
                                const DataSplits& data, RunDirectory& run, sdk::Logger& log) {
  // The config refuses this (an ensemble combines image scores, segmentation is rewarded per
  // pixel); checked here too, before any final trains, for entry points that skip the loader.
  if (config.final.ensemble > 1 && data.pixel_level())
    throw std::logic_error("final.ensemble > 1 on pixel-level data");
  FinalOutcome outcome;
  outcome.pixel_level = data.pixel_level();
  FinalTrainer trainer(config, registry, space, data, run, log);
  std::vector<FinalScores> scores;
  std::int64_t rank = 0;
  for (const auto& candidate : final_candidates(trials, config.final.top_k)) {
    scores.emplace_back();
    outcome.finals.push_back(trainer.train(candidate, ++rank, scores.back()));
  }
  const auto wanted = static_cast<std::size_t>(std::max<std::int64_t>(config.final.ensemble, 1));
  auto chosen = best_finals(outcome.finals, wanted);
  if (chosen.empty()) {
    log.warn("no final training succeeded; best/ keeps the search's best child");
    return outcome;
  }
  if (chosen.size() < wanted)
    log.warn(fmt::format("final.ensemble asks for {} members but only {} finals trained", wanted,
                         chosen.size()));
  outcome.ensemble = chosen.size() > 1;
  if (outcome.ensemble)
    install_ensemble(chosen, scores, config, data, run, outcome);
  else
    install_single(outcome.finals[chosen.front()], run, outcome);
  for (auto i : chosen) {
    outcome.model_trials.push_back(outcome.finals[i].record.index);
    outcome.finals[i].in_model = true;
  }
  run.store().mark_model_finals(outcome.model_trials);
  return outcome;
}

}  // namespace autood
