#pragma once
// Where the search loop hands out its children: trained here, one after another
// (ChildEvaluator), or across MPI ranks (DistributedEvaluator). Both must give each trial the
// same record, whoever trains it and whenever it finishes.
#include <cstdint>
#include <functional>
#include <vector>

#include "store/TrialRecord.hpp"

namespace autood {

struct Evaluation;

// A proposal waiting to be evaluated, with its place in the search and its training seed
// (trial_seed of the search's seed and the index, derived once, by the loop).
struct PendingTrial {
  std::int64_t index = 0;
  sdk::Architecture architecture;
  std::uint64_t seed = 0;
};

class BatchEvaluator {
 public:
  virtual ~BatchEvaluator() = default;
  // One batch of proposals, every one evaluated, in any order. `on_done` hears of each child as
  // soon as it finishes, for progress and for saving the best model early. partial_history: the
  // partial rewards of the earlier batches' trials, which the pruning threshold is taken over
  // (never this batch's, so the order children finish in cannot matter).
  virtual std::vector<Evaluation> evaluate_batch(
      const std::vector<PendingTrial>& batch,
      const std::function<void(const Evaluation&)>& on_done = {},
      const std::vector<double>& partial_history = {}) = 0;
};

}  // namespace autood
