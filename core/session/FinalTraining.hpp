#pragma once
// Final training (SPEC-style two-stage NAS): children are ranked at the search's low fidelity,
// and the best few architectures are trained again properly, on all the training data for
// final.epochs, with no wall-time cap unless final.max_seconds sets one. The best final on
// validation becomes the model, or with final.ensemble = K the K best finals together.
#include <cstdint>
#include <vector>

#include "autood/sdk/log.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "metrics/Metrics.hpp"
#include "plugin/Registry.hpp"
#include "session/RunDirectory.hpp"
#include "space/SearchSpace.hpp"
#include "store/TrialRecord.hpp"
#include "store/TrialStore.hpp"

namespace autood {

// The `top_k` distinct architectures with the best search rewards (trained, not cache hits);
// among equal rewards the first proposed comes first.
std::vector<TrialRecord> final_candidates(const std::vector<TrialRecord>& trials,
                                          std::int64_t top_k);

// Indices into `finals` of the `count` best scored finals by validation reward, the better
// search rank first among equals.
std::vector<std::size_t> best_finals(const std::vector<FinalRecord>& finals, std::size_t count);

struct FinalOutcome {
  std::vector<FinalRecord> finals;         // by search rank
  std::vector<std::int64_t> model_trials;  // the finals the model is made of (0-based trials)
  bool ensemble = false;
  double reward = 0.0;                // the model's validation reward
  DetectionMetrics validation, test;  // the model's, combined for an ensemble
  bool pixel_level = false;           // segmentation: reward is a pixel metric
};

// Trains the finals into run/finals/trial-N/ (each a model bundle, stored in the finals table)
// and installs the chosen model as run/best/. A final already stored with its bundle, by a run
// that was killed, is read back instead of trained again.
FinalOutcome run_final_training(const std::vector<TrialRecord>& trials, const Config& config,
                                const Registry& registry, const SearchSpace& space,
                                const DataSplits& data, RunDirectory& run, sdk::Logger& log);

}  // namespace autood
