#pragma once
#include <cstdint>

#include "autood/sdk/dataset.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"

namespace autood {

// Segmentation protocol (SPEC section 7), for sources with their own test split and masks such
// as MVTec AD: training on the source's normal training images, and its test split shuffled and
// halved into validation and test, each with its pixel masks. The reward is pixel AUROC or PRO.
DataSplits segmentation_splits(const sdk::Dataset& data, const DataConfig& config, std::uint64_t seed);

}  // namespace autood
