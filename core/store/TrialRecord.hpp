#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "autood/sdk/controller.hpp"
#include "metrics/Metrics.hpp"
#include "metrics/PixelMetrics.hpp"

namespace autood {

enum class TrialStatus {
  Ok,        // trained and scored
  Timeout,   // hit train.max_seconds: scored as trained so far, and recorded as such
  Rejected,  // could not be built for this data; reward 0
  Diverged,  // loss or scores went NaN or infinite; reward 0
  Failed,    // training threw; reward 0
  Pruned,    // stopped early by [prune]: its reward is the partial one, never the best model
};

const char* to_string(TrialStatus status);

// Whether a trial has a real reward: it was trained and scored, perhaps cut short by the cap.
inline bool scored(TrialStatus status) {
  return status == TrialStatus::Ok || status == TrialStatus::Timeout;
}
// Whether a trial was scored at all, fully or when it was pruned: its metrics are real.
inline bool measured(TrialStatus status) { return scored(status) || status == TrialStatus::Pruned; }

// One evaluated child, as plain data: what a trial store, a report or a comparison reads.
struct TrialRecord {
  std::int64_t index = 0;  // 0-based, in the order the controller proposed
  sdk::Architecture architecture;
  std::string description;
  TrialStatus status = TrialStatus::Ok;
  std::string message;
  double reward =
      0.0;  // validation AUROC (pixel AUROC or PRO for segmentation); 0 unless scored(status)
  DetectionMetrics validation;
  DetectionMetrics test;     // recorded for the report; never shown to the controller
  bool pixel_level = false;  // segmentation: the pixel metrics below are filled in
  PixelMetrics validation_pixels, test_pixels;
  // With [prune] on: the validation reward after prune.at_epoch epochs, which later batches'
  // medians are taken over. Unset when pruning is off or the child did not reach that epoch.
  std::optional<double> partial_reward;
  double seconds = 0.0;
  std::int64_t epochs = 0;
  bool cached = false;  // the architecture was evaluated before; nothing was trained
};

}  // namespace autood
