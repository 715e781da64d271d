#pragma once
// The reward a child is ranked by, written once: the trial record, the pruning probe, the
// best-epoch keeper and final training all take it from here. Only the validation set decides;
// the test set is measured beside it and never enters the reward.
#include <c10/core/Device.h>

#include "data/DataSplits.hpp"
#include "metrics/Metrics.hpp"
#include "metrics/PixelMetrics.hpp"
#include "model/Child.hpp"

namespace autood {

// The rule: on a segmentation set (data.pixel_level()) the validation pixel metric that
// data.pixel_metric names, pixel AUROC or PRO; otherwise the validation AUROC of the scores.
double reward_of(const DataSplits& data, const DetectionMetrics& validation,
                 const PixelMetrics& validation_pixels);

// Measures a child on the splits, in whatever state training has left it.
class ChildReward {
 public:
  ChildReward(const DataSplits& data, double lambda, c10::Device device)
      : data_(data), lambda_(lambda), device_(device) {}

  // The child's reward as it stands: NaN when its validation scores or anomaly maps are not
  // finite, which the caller judges (a diverged child, or one epoch to skip).
  double measure(Child& child) const;

  // Pixel AUROC and PRO of the child's anomaly maps on `set`, each map weighted by
  // data.weight_map (Eq. 20); NaN throughout when a map is not finite.
  PixelMetrics pixels(Child& child, const LabelledSet& set) const;

 private:
  const DataSplits& data_;
  double lambda_;
  c10::Device device_;
};

}  // namespace autood
