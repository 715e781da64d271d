#include "data/OneClassProtocol.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "autood/sdk/errors.hpp"
#include "data/SplitHelpers.hpp"

namespace autood {

DataSplits one_class_splits(const sdk::Dataset& data, const DataConfig& config, std::uint64_t seed) {
  if (!data.labels.defined())
    throw sdk::InputError("data.protocol 'one_class' needs labels, and '" + config.source.loader +
                          "' gave none");
  auto labels = data.labels.to(torch::kLong).contiguous();
  const auto* label = labels.data_ptr<std::int64_t>();
  std::vector<std::int64_t> normal, outlier;
  for (std::int64_t i = 0; i < labels.size(0); ++i) {
    bool is_normal = std::find(config.normal_classes.begin(), config.normal_classes.end(), label[i]) !=
                     config.normal_classes.end();
    (is_normal ? normal : outlier).push_back(i);
  }
  if (normal.empty() || outlier.empty())
    throw sdk::InputError("data.normal_classes must name some but not all classes of " + data.description);

  std::mt19937_64 rng(seed);
  std::shuffle(normal.begin(), normal.end(), rng);
  std::shuffle(outlier.begin(), outlier.end(), rng);
  if (config.limit > 0 && static_cast<std::size_t>(config.limit) < normal.size())
    normal.resize(static_cast<std::size_t>(config.limit));

  auto parts = split_three_ways(normal, config.split);
  const auto& train = parts.train;
  const auto& val = parts.validation;
  const auto& test = parts.test;

  auto val_out = outliers_for(val.size(), config.contamination);
  auto test_out = outliers_for(test.size(), config.contamination);
  if (static_cast<std::size_t>(val_out + test_out) > outlier.size())
    throw sdk::InputError("not enough outliers for data.contamination " + std::to_string(config.contamination));
  std::vector<std::int64_t> outliers_val(outlier.begin(), outlier.begin() + val_out);
  std::vector<std::int64_t> outliers_test(outlier.begin() + val_out, outlier.begin() + val_out + test_out);

  DataSplits splits;
  splits.train = select_rows(data.samples, train);
  splits.validation = contaminated(data.samples, val, data.samples, outliers_val);
  splits.test = contaminated(data.samples, test, data.samples, outliers_test);
  splits.shape.dims.assign(data.samples.sizes().begin() + 1, data.samples.sizes().end());
  std::string classes;
  for (auto c : config.normal_classes) {
    auto name = c >= 0 && static_cast<std::size_t>(c) < data.class_names.size() ? data.class_names[c] : std::to_string(c);
    classes += (classes.empty() ? "" : ", ") + name;
  }
  splits.description = "one-class on " + data.description + ", normal: " + classes + "; train " +
                       std::to_string(train.size()) + ", validation " + std::to_string(val.size()) +
                       "+" + std::to_string(val_out) + ", test " + std::to_string(test.size()) + "+" +
                       std::to_string(test_out) + " outliers";
  return splits;
}

}  // namespace autood
