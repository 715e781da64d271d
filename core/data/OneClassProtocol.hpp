#pragma once
#include <cstdint>

#include "autood/sdk/dataset.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "data/SyntheticOutliers.hpp"

namespace autood {

// One-class protocol (SPEC section 7): the chosen classes are normal, the rest are outliers.
// Normal samples are split train:validation:test by `data.split`; the validation and test sets
// get disjoint outliers so that they make up `data.contamination` of each.
// With `test_source` ([data.test], the standard benchmark protocol), the normal samples are split
// train:validation by the first two figures of `data.split`, and the test set is every sample of
// `test_source`, normal by `data.normal_classes`, with no subsampling.
// With `synthetic` (data.validation = "synthetic"), the search reads no outlier: its validation
// outliers, and data.train_outliers' share in training, are made by the generators from normal
// samples of the same split; only the test set holds real outliers.
DataSplits one_class_splits(const sdk::Dataset& data, const DataConfig& config, std::uint64_t seed,
                            const sdk::Dataset* test_source = nullptr,
                            const SyntheticOutliers* synthetic = nullptr);

}  // namespace autood
