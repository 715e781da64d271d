#pragma once
#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

#include "autood/sdk/shape.hpp"

namespace autood {

// Samples with ground truth: 1 marks an outlier.
struct LabelledSet {
  at::Tensor samples;
  std::vector<int> is_outlier;
  at::Tensor masks;  // float [N, 1, H, W], 1 on anomalous pixels; defined only for segmentation
  std::size_t outliers() const;
};

// What a protocol hands the search. Training data holds in-distribution samples only; the
// validation set guides the search and the test set is seen only by the final report.
struct DataSplits {
  at::Tensor train;
  LabelledSet validation;
  LabelledSet test;
  sdk::Shape shape;  // of one sample
  std::string description;
  at::Tensor weight_map;  // [1, H, W] multiplies every anomaly map (Eq. 20); undefined when not given

  std::string pixel_metric = "auroc";  // segmentation's reward: auroc or pro

  bool pixel_level() const { return validation.masks.defined(); }
};

// Tables: every feature shifted and scaled by the training split's mean and standard deviation
// (a constant feature is only shifted), in all three splits.
void standardize_features(DataSplits& splits);

}  // namespace autood
