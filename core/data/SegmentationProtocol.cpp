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

// Validation without a defective image: the good images `good`, and after them as many defects
// made from them as data.contamination gives, each with its generator's mask.
LabelledSet made_pixel_set(const sdk::Dataset& data, const std::vector<std::int64_t>& good,
                           const DataConfig& config, const SyntheticOutliers& synthetic,
                           std::uint64_t seed) {
  const auto normal = select_rows(data.samples, good);
  const auto count = outliers_for(good.size(), config.contamination);
  const auto made = synthetic.make(normal, count, seed);
  const auto height = normal.size(2), width = normal.size(3);
  const auto made_masks =
      made.masks.defined() ? made.masks : torch::ones({count, 1, height, width}, torch::kFloat);
  // A made defect is what its mask marks: one that marks nothing would be a good image labelled
  // defective, and a set of them leaves PRO no region to measure.
  const auto marked = made_masks.flatten(1).amax(1).gt(0.5);
  if (!marked.all().item<bool>())
    throw sdk::InputError(
        "a generator of data.generators (" + synthetic.names() +
        ") made a defect whose mask marks no pixel (made row " +
        std::to_string(marked.logical_not().nonzero()[0][0].item<std::int64_t>()) +
        "); a generator's mask must mark what it changed");
  LabelledSet set;
  set.samples = torch::cat({normal, made.samples});
  set.masks =
      torch::cat({torch::zeros({normal.size(0), 1, height, width}, torch::kFloat), made_masks});
  set.is_outlier.assign(good.size(), 0);
  set.is_outlier.resize(good.size() + static_cast<std::size_t>(count), 1);
  set.source_index = good;
  set.source_index.resize(set.is_outlier.size(), -1);  // made: in no source
  return set;
}

}  // namespace

DataSplits segmentation_splits(const sdk::Dataset& data, const DataConfig& config,
                               std::uint64_t seed, const SyntheticOutliers* synthetic) {
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

  DataSplits splits;
  if (synthetic) {
    auto parts =
        split_train_validation(train, config.split, "the training images of " + data.description);
    train = std::move(parts.train);
    splits.validation =
        made_pixel_set(data, parts.validation, config, *synthetic, seed ^ kValidationAnomalies);
    splits.test = pixel_set(data, test, "test");
  } else {
    const auto half = static_cast<std::ptrdiff_t>(test.size() / 2);
    splits.validation =
        pixel_set(data, std::vector<std::int64_t>(test.begin(), test.begin() + half), "validation");
    splits.test =
        pixel_set(data, std::vector<std::int64_t>(test.begin() + half, test.end()), "test");
  }
  splits.train = select_rows(data.samples, train);
  splits.train_source_index = train;
  splits.shape.dims.assign(data.samples.sizes().begin() + 1, data.samples.sizes().end());
  splits.pixel_metric = config.pixel_metric;
  if (data.weight_map.defined()) {
    if (data.weight_map.dim() != 3 || data.weight_map.size(1) != data.samples.size(2) ||
        data.weight_map.size(2) != data.samples.size(3))
      throw sdk::InputError("the weight map is " + c10::str(data.weight_map.sizes()) +
                            ", the images " + c10::str(data.samples.sizes().slice(1)));
    splits.weight_map = data.weight_map.slice(0, 0, 1);
  }
  const auto count = [](const LabelledSet& set) {
    return std::to_string(set.is_outlier.size()) + " (" + std::to_string(set.outliers()) +
           " defective)";
  };
  splits.description = "segmentation on " + data.description + "; train " +
                       std::to_string(train.size()) + ", validation " + count(splits.validation) +
                       (synthetic ? ", its defects made by " + synthetic->names() : "") +
                       ", test " + count(splits.test) + "; reward: pixel " + config.pixel_metric +
                       (synthetic ? "; labelled outliers: none" : "");
  return splits;
}

}  // namespace autood
