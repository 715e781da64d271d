#pragma once
#include <cstdint>

#include "autood/sdk/dataset.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"

namespace autood {

// Out-of-distribution protocol (SPEC section 7): every sample of the in-distribution source is
// normal and split train:validation:test by `data.split`; outliers come from a second source,
// made to look like the in-distribution samples (channels replicated or averaged, images
// resized), and make up `data.contamination` of the validation and test sets.
// With `test` ([data.test] and [data.test_outliers]), the inliers are split train:validation by
// the first two figures of `data.split`, and the test set is every sample of the two test sources.
struct OodTestSources {
  const sdk::Dataset& inliers;
  const sdk::Dataset& outliers;
};
DataSplits ood_splits(const sdk::Dataset& inliers, const sdk::Dataset& outliers,
                      const DataConfig& config, std::uint64_t seed,
                      const OodTestSources* test = nullptr);

// Samples [N, ...] made to have one sample's shape `shape`. Throws sdk::InputError, naming
// `what`, when that is impossible (another rank, 2 channels against 3, other table widths).
at::Tensor conform_samples(const at::Tensor& samples, const std::vector<std::int64_t>& shape,
                           const std::string& what);

}  // namespace autood
