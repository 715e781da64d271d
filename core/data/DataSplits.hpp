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
  // Each row's index in its source, so that `autood score` can be checked against the search
  // sample by sample and baselines can train on the same rows: [data.source], or [data.test]
  // for a test set that is a whole source of its own; -1 for a row from another source
  // ([data.outliers]) or made by an anomaly generator (data.validation = "synthetic").
  std::vector<std::int64_t> source_index;
  std::size_t outliers() const;
};

// What a protocol hands the search. Training data holds in-distribution samples and, with
// data.train_outliers, labelled outliers among them; the validation set guides the search and
// the test set is seen only by the final report.
struct DataSplits {
  at::Tensor train;
  // float [N_train], 1 marks a labelled outlier of the training split; undefined when it has none.
  at::Tensor train_labels;
  // Each training row's index in [data.source], as LabelledSet::source_index.
  std::vector<std::int64_t> train_source_index;
  LabelledSet validation;
  LabelledSet test;
  sdk::Shape shape;  // of one sample
  std::string description;
  at::Tensor
      weight_map;  // [1, H, W] multiplies every anomaly map (Eq. 20); undefined when not given

  std::string pixel_metric = "auroc";  // segmentation's reward: auroc or pro
  // Tables: the training split's per-feature statistics that standardised every split, [1, D];
  // undefined when nothing was standardised. A saved model keeps them to score new data.
  at::Tensor feature_mean, feature_std;

  bool pixel_level() const { return validation.masks.defined(); }
};

// Tables: every feature shifted and scaled by the training split's mean and standard deviation
// (a constant feature is only shifted), in all three splits.
void standardize_features(DataSplits& splits);

// Which row of its source each split's sample is, as CSV (split,row,source_index,is_outlier), so
// that another tool can train on exactly the samples and labels the search had. source_index is
// the row in [data.source], or in [data.test] for the test split of a config that has one; -1
// for a row from another source or made by an anomaly generator.
std::string splits_csv(const DataSplits& splits);

}  // namespace autood
