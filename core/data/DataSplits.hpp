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
};

}  // namespace autood
