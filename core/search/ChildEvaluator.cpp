#include "search/ChildEvaluator.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "compute/Device.hpp"
#include "model/ChildModel.hpp"
#include "model/ChildScoring.hpp"
#include "model/ChildWeights.hpp"
#include "search/BestEpochKeeper.hpp"
#include "train/ChildTrainer.hpp"

namespace autood {
namespace {

// Adds one remark to a trial's message, which may already hold others.
void append_note(std::string& message, const std::string& note) {
  message += (message.empty() ? "" : "; ") + note;
}

// Measures the child's validation reward once, after `at_epoch` epochs, and stops training if
// it is below the threshold.
class PartialRewardProbe : public TrainObserver {
 public:
  PartialRewardProbe(std::int64_t at_epoch, std::optional<double> below,
                     std::function<double(Child&)> reward)
      : at_epoch_(at_epoch), below_(below), reward_(std::move(reward)) {}
  bool after_epoch(Child& child, std::int64_t epochs_done) override {
    if (epochs_done != at_epoch_) return true;
    const double reward = reward_(child);
    if (!std::isfinite(reward)) return true;  // the end of training judges a diverging child
    partial = reward;
    return !(below_ && reward < *below_);
  }
  std::optional<double> partial;

 private:
  std::int64_t at_epoch_;
  std::optional<double> below_;
  std::function<double(Child&)> reward_;
};

}  // namespace

std::optional<double> pruning_threshold(const PruneConfig& prune, const TrainConfig& train,
                                        std::vector<double> history) {
  if (!prune.enabled(train) || history.empty() ||
      static_cast<std::int64_t>(history.size()) < prune.warmup)
    return std::nullopt;
  std::sort(history.begin(), history.end());
  const auto n = history.size();
  return n % 2 == 1 ? history[n / 2] : (history[n / 2 - 1] + history[n / 2]) / 2;
}

ChildEvaluator::ChildEvaluator(const Registry& registry, const SearchSpace& space,
                               const DataSplits& data, const TrainConfig& train,
                               const ScoreConfig& score, sdk::Logger& log,
                               HypothesisConfig hypotheses)
    : registry_(registry),
      space_(space),
      data_(data),
      train_(train),
      score_(score),
      hypotheses_(std::move(hypotheses)),
      log_(log),
      device_(resolve_device(train.device)),
      reward_(data, score.lambda, device_) {}

void ChildEvaluator::train_and_score(Child& child, Evaluation& evaluation, std::uint64_t seed,
                                     std::optional<double> prune_below) {
  TrialRecord& record = evaluation.record;
  // The protocols shuffle the training split, so its first `subset` rows are a random sample.
  const auto n = data_.train.size(0);
  const bool cut = train_.subset > 0 && train_.subset < n;
  auto first_rows = [&](const at::Tensor& t) {
    return cut && t.defined() ? t.slice(0, 0, train_.subset) : t;
  };
  const TrainingSet train(first_rows(data_.train), first_rows(data_.train_labels));
  auto reward = [this](Child& c) { return reward_.measure(c); };
  std::optional<PartialRewardProbe> probe;
  std::optional<BestEpochKeeper> keeper;
  TrainObserver* observer = nullptr;
  if (prune_.enabled(train_)) {
    observer = &probe.emplace(prune_.at_epoch, prune_below, reward);
  } else if (keep_best_epoch_) {
    observer = &keeper.emplace(reward);
  }
  auto outcome = train_child(child, train, train_, seed, device_, observer);
  record.epochs = outcome.epochs;
  record.message = outcome.message;
  if (keeper && !outcome.diverged) {
    record.epochs = keeper->settle(child, outcome.epochs);
    if (record.epochs != outcome.epochs)
      append_note(record.message,
                  fmt::format("kept epoch {} of {}: the best on validation ({:.4f})", record.epochs,
                              outcome.epochs, keeper->best_reward()));
  }
  if (probe) record.partial_reward = probe->partial;
  if (outcome.hit_time_cap) record.status = TrialStatus::Timeout;
  if (outcome.stopped) {
    record.status = TrialStatus::Pruned;
    record.message =
        fmt::format("pruned after {} epochs: validation reward {:.4f} below the median {:.4f}",
                    outcome.epochs, probe->partial.value_or(0.0), prune_below.value_or(0.0));
  }
  if (outcome.diverged) {
    record.status = TrialStatus::Diverged;
    return;
  }
  // The best child is saved and read back as the model, and weights that are not finite are
  // refused there: they end the child here, whatever its scores.
  if (!weights_finite(child)) {
    record.status = TrialStatus::Diverged;
    record.message = "the trained weights are not finite";
    return;
  }
  auto validation = score_samples(child, data_.validation.samples, score_.lambda, device_);
  auto test = score_samples(child, data_.test.samples, score_.lambda, device_);
  if (!all_finite(validation)) {
    record.status = TrialStatus::Diverged;
    record.message = "validation scores are not finite";
    return;
  }
  evaluation.validation_scores = to_doubles(validation);
  evaluation.test_scores = to_doubles(test);
  record.validation = detection_metrics(evaluation.validation_scores, data_.validation.is_outlier);
  // The test set never decides anything: a child whose test scores are not finite keeps its
  // reward, and only its test metrics say so.
  record.test = test_metrics(evaluation.test_scores, data_.test.is_outlier);
  // (A test set without outliers, as a label-free fit's, leaves them unmeasured too: not noted.)
  if (!all_finite(evaluation.test_scores))
    append_note(record.message, "test scores are not finite: test metrics not measured");
  if (data_.pixel_level()) {
    record.pixel_level = true;
    record.validation_pixels = reward_.pixels(child, data_.validation);
    record.test_pixels = reward_.pixels(child, data_.test);
  }
  record.reward = reward_of(data_, record.validation, record.validation_pixels);
  // As with image scores: maps that are not finite on validation end the child, on the test set
  // they leave only the test metrics unmeasured.
  if (record.pixel_level && std::isnan(record.reward)) {
    record.status = TrialStatus::Diverged;  // evaluate() sets its reward to 0
    record.message = "validation anomaly maps are not finite";
  } else if (record.pixel_level && std::isnan(record.test_pixels.pixel_auroc)) {
    append_note(record.message,
                "test anomaly maps are not finite: pixel test metrics not measured");
  }
}

Child ChildEvaluator::build(const sdk::Architecture& architecture) const {
  return make_child(space_.decode(architecture), registry_, space_.input_shape(), hypotheses_,
                    log_);
}

double ChildEvaluator::step_seconds(const sdk::Architecture& architecture) {
  constexpr std::int64_t kProbeRows = 32;
  try {
    Child child = build(architecture);
    const auto rows = std::min({data_.train.size(0), train_.batch_size, kProbeRows});
    return time_training_step(child, data_.train.slice(0, 0, rows), device_);
  } catch (const std::exception&) {  // it fails fast wherever it goes, and says why there
    return 0.0;
  }
}

Evaluation ChildEvaluator::failed(const sdk::Architecture& architecture, std::int64_t index,
                                  std::string message) const {
  Evaluation evaluation;
  auto& record = evaluation.record;
  record.index = index;
  record.architecture = architecture;
  record.description = describe(space_.decode(architecture));
  record.status = TrialStatus::Failed;
  record.message = std::move(message);
  record.reward = 0.0;
  log_.warn("trial " + std::to_string(index + 1) + " failed: " + record.message);
  return evaluation;
}

Evaluation ChildEvaluator::evaluate(const sdk::Architecture& architecture, std::int64_t index,
                                    std::uint64_t seed, std::optional<double> prune_below) {
  const auto started = std::chrono::steady_clock::now();
  Evaluation evaluation;
  TrialRecord& record = evaluation.record;
  record.index = index;
  record.architecture = architecture;
  try {
    ModelSpec spec = space_.decode(architecture);
    record.description = describe(spec);
    torch::manual_seed(seed);
    Child child = make_child(spec, registry_, space_.input_shape(), hypotheses_, log_);
    train_and_score(child, evaluation, seed, prune_below);
    if (scored(record.status)) evaluation.child = std::move(child);
  } catch (const sdk::Rejected& error) {
    record.status = TrialStatus::Rejected;
    record.message = error.what();
  } catch (const c10::Error& error) {  // LibTorch's what() carries a stack trace
    record.status = TrialStatus::Failed;
    record.message = error.what_without_backtrace();
  } catch (const std::exception& error) {
    record.status = TrialStatus::Failed;
    record.message = error.what();
  }
  if (!measured(record.status)) {
    record.reward = 0.0;
    log_.warn("trial " + std::to_string(index + 1) + " " + to_string(record.status) + ": " +
              record.message);
  }
  record.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return evaluation;
}

std::vector<Evaluation> ChildEvaluator::evaluate_batch(
    const std::vector<PendingTrial>& batch, const std::function<void(const Evaluation&)>& on_done,
    const std::vector<double>& partial_history) {
  const auto threshold = prune_threshold(partial_history);
  std::vector<Evaluation> evaluations;
  for (const auto& pending : batch) {
    evaluations.push_back(evaluate(pending.architecture, pending.index, pending.seed, threshold));
    if (on_done) on_done(evaluations.back());
  }
  return evaluations;
}

}  // namespace autood
