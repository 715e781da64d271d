#pragma once
#include <cstdint>

#include "autood/sdk/dataset.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "data/SyntheticOutliers.hpp"

namespace autood {

// Segmentation protocol (SPEC section 7), for sources with their own test split and masks such
// as MVTec AD: training on the source's normal training images, and its test split shuffled and
// halved into validation and test, each with its pixel masks. The reward is pixel AUROC or PRO.
//
// With `synthetic` (data.validation = "synthetic") no defective image or mask is read before
// the test: data.split cuts the training images into train and validation, and validation's
// defects are made from its own good images, each with its generator's mask (every pixel, for a
// change that has no place). The test set is then the source's whole test split.
DataSplits segmentation_splits(const sdk::Dataset& data, const DataConfig& config,
                               std::uint64_t seed, const SyntheticOutliers* synthetic = nullptr);

}  // namespace autood
