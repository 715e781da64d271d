#pragma once
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "autood/sdk/log.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "model/Child.hpp"
#include "model/ChildReward.hpp"
#include "plugin/Registry.hpp"
#include "search/BatchEvaluator.hpp"
#include "space/SearchSpace.hpp"
#include "store/TrialRecord.hpp"

namespace autood {

struct Evaluation {
  TrialRecord record;
  std::optional<Child> child;  // the trained child, when scored(record.status)
  // Each sample's score, in the order of the validation and test sets, when scored: what a saved
  // model must reproduce.
  std::vector<double> validation_scores, test_scores;
};

// The median rule's threshold: the median of the history (the mean of the middle two for an
// even count) once it holds prune.warmup values and pruning is on; nullopt otherwise.
std::optional<double> pruning_threshold(const PruneConfig& prune, const TrainConfig& train,
                                        std::vector<double> history);

// Builds, trains and scores children. A child that cannot be built, diverges or throws ends
// with reward 0 and a reason; it never stops the search.
class ChildEvaluator : public BatchEvaluator {
 public:
  ChildEvaluator(const Registry& registry, const SearchSpace& space, const DataSplits& data,
                 const TrainConfig& train, const ScoreConfig& score, sdk::Logger& log,
                 HypothesisConfig hypotheses = {});

  // With pruning on, every search child's partial reward is measured after prune.at_epoch epochs.
  void enable_pruning(const PruneConfig& prune) { prune_ = prune; }
  // Final training: measure validation after every epoch and keep the best epoch's weights.
  void keep_best_epoch(bool on) { keep_best_epoch_ = on; }

  // prune_below: stop the child, as pruned, if its partial reward falls below this.
  Evaluation evaluate(const sdk::Architecture& architecture, std::int64_t index, std::uint64_t seed,
                      std::optional<double> prune_below = std::nullopt);

  // An untrained child of this architecture, to load weights trained elsewhere into.
  Child build(const sdk::Architecture& architecture) const;
  // The seconds of one training step of this architecture on a few training samples, or 0 if it
  // cannot be built: a cheap guess at how long it will train, relative to its batch-mates.
  double step_seconds(const sdk::Architecture& architecture);
  // The record of a trial that could not be evaluated at all (its workers died), reward 0.
  Evaluation failed(const sdk::Architecture& architecture, std::int64_t index,
                    std::string message) const;

  // The batch in proposal order, one child after another, in this process.
  std::vector<Evaluation> evaluate_batch(const std::vector<PendingTrial>& batch,
                                         const std::function<void(const Evaluation&)>& on_done = {},
                                         const std::vector<double>& partial_history = {}) override;

  // The median rule's threshold over the earlier batches' partial rewards, or nullopt.
  std::optional<double> prune_threshold(const std::vector<double>& partial_history) const {
    return pruning_threshold(prune_, train_, partial_history);
  }

 private:
  void train_and_score(Child& child, Evaluation& evaluation, std::uint64_t seed,
                       std::optional<double> prune_below);

  const Registry& registry_;
  const SearchSpace& space_;
  const DataSplits& data_;
  TrainConfig train_;
  ScoreConfig score_;
  HypothesisConfig hypotheses_;
  PruneConfig prune_;
  bool keep_best_epoch_ = false;
  sdk::Logger& log_;
  c10::Device device_;
  ChildReward reward_;
};

}  // namespace autood
