#include "model/ChildReward.hpp"

#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "model/ChildScoring.hpp"

namespace autood {

double reward_of(const DataSplits& data, const DetectionMetrics& validation,
                 const PixelMetrics& validation_pixels) {
  if (!data.pixel_level()) return validation.auroc;
  return data.pixel_metric == "pro" ? validation_pixels.pro : validation_pixels.pixel_auroc;
}

double ChildReward::measure(Child& child) const {
  if (data_.pixel_level()) return reward_of(data_, {}, pixels(child, data_.validation));
  const auto scores = to_doubles(score_samples(child, data_.validation.samples, lambda_, device_));
  if (!all_finite(scores)) return std::nan("");
  return reward_of(data_, detection_metrics(scores, data_.validation.is_outlier), {});
}

PixelMetrics ChildReward::pixels(Child& child, const LabelledSet& set) const {
  auto maps = score_maps(child, set.samples, device_);
  if (data_.weight_map.defined()) maps = maps * data_.weight_map.to(torch::kDouble);  // Eq. 20
  if (!all_finite(maps)) return {std::nan(""), std::nan("")};
  auto masks = set.masks.squeeze(1).gt(0.5).to(torch::kInt).contiguous();
  const PixelGrid grid{maps.size(0), maps.size(1), maps.size(2)};
  std::vector<int> mask_values(masks.data_ptr<int>(), masks.data_ptr<int>() + masks.numel());
  return pixel_metrics(to_doubles(maps.flatten()), mask_values, grid);
}

}  // namespace autood
