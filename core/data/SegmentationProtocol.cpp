#include "data/SegmentationProtocol.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <random>

#include "autood/sdk/errors.hpp"
#include "data/SplitHelpers.hpp"

namespace autood {
namespace {

LabelledSet pixel_set(const sdk::Dataset& data, const std::vector<std::int64_t>& index,
                      const char* name) {
  LabelledSet set;
  set.samples = select_rows(data.samples, index);
  set.masks = select_rows(data.masks, index);
  set.source_index = index;
  auto anomalous = set.masks.flatten(1).amax(1).gt(0.5).to(torch::kInt).contiguous();
  set.is_outlier.assign(anomalous.data_ptr<int>(), anomalous.data_ptr<int>() + anomalous.numel());
  const auto outliers = set.outliers();
  if (outliers == 0 || outliers == set.is_outlier.size())
    throw sdk::InputError(std::string("the segmentation ") + name +
                          " set needs both defective and good images; it has " +
                          std::to_string(outliers) + " defective of " +
                          std::to_string(set.is_outlier.size()) +
                          " (the source's test split is too small)");
  return set;
}

}  // namespace

DataSplits segmentation_splits(const sdk::Dataset& data, const DataConfig& config,
                               std::uint64_t seed) {
  if (!data.test_split.defined() || !data.masks.defined())
    throw sdk::InputError(
        "data.protocol 'segmentation' needs a loader with its own test split and pixel masks, such "
        "as mvtec; '" +
        config.source.loader + "' gives " + (data.masks.defined() ? "no test split" : "no masks"));
  auto test_flags = data.test_split.to(torch::kBool).contiguous();
  const bool* in_test = test_flags.data_ptr<bool>();
  std::vector<std::int64_t> train, test;
  for (std::int64_t i = 0; i < test_flags.size(0); ++i) (in_test[i] ? test : train).push_back(i);
  if (train.empty()) throw sdk::InputError("the segmentation source has no training images");
  std::mt19937_64 rng(seed);
  std::shuffle(train.begin(), train.end(), rng);
  if (config.limit > 0 && static_cast<std::size_t>(config.limit) < train.size())
    train.resize(static_cast<std::size_t>(config.limit));
  std::shuffle(test.begin(), test.end(), rng);
  const auto half = static_cast<std::ptrdiff_t>(test.size() / 2);
  std::vector<std::int64_t> validation(test.begin(), test.begin() + half),
      held_out(test.begin() + half, test.end());

  DataSplits splits;
  splits.train = select_rows(data.samples, train);
  splits.train_source_index = train;
  splits.validation = pixel_set(data, validation, "validation");
  splits.test = pixel_set(data, held_out, "test");
  splits.shape.dims.assign(data.samples.sizes().begin() + 1, data.samples.sizes().end());
  splits.pixel_metric = config.pixel_metric;
  if (data.weight_map.defined()) {
    if (data.weight_map.dim() != 3 || data.weight_map.size(1) != data.samples.size(2) ||
        data.weight_map.size(2) != data.samples.size(3))
      throw sdk::InputError("the weight map is " + c10::str(data.weight_map.sizes()) +
                            ", the images " + c10::str(data.samples.sizes().slice(1)));
    splits.weight_map = data.weight_map.slice(0, 0, 1);
  }
  splits.description =
      "segmentation on " + data.description + "; train " + std::to_string(train.size()) +
      ", validation " + std::to_string(validation.size()) + " (" +
      std::to_string(splits.validation.outliers()) + " defective), test " +
      std::to_string(held_out.size()) + " (" + std::to_string(splits.test.outliers()) +
      " defective); reward: pixel " + config.pixel_metric;
  return splits;
}

}  // namespace autood
