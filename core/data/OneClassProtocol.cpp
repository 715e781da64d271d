#include "data/OneClassProtocol.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "autood/sdk/errors.hpp"
#include "data/SplitHelpers.hpp"

namespace autood {

namespace {

std::string class_list(const sdk::Dataset& data, const std::vector<std::int64_t>& classes) {
  std::string text;
  for (auto c : classes) {
    auto name = c >= 0 && static_cast<std::size_t>(c) < data.class_names.size()
                    ? data.class_names[static_cast<std::size_t>(c)]
                    : std::to_string(c);
    text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

void check_test_source(const sdk::Dataset& data, const sdk::Dataset& test) {
  if (!test.labels.defined())
    throw sdk::InputError("data.protocol 'one_class' needs labels in [data.test], and " +
                          test.description + " has none");
  if (test.samples.sizes().slice(1) != data.samples.sizes().slice(1))
    throw sdk::InputError("[data.test] (" + test.description + ") has samples of shape " +
                          c10::str(test.samples.sizes().slice(1)) + " but [data.source] has " +
                          c10::str(data.samples.sizes().slice(1)));
}

}  // namespace

DataSplits one_class_splits(const sdk::Dataset& data, const DataConfig& config, std::uint64_t seed,
                            const sdk::Dataset* test_source) {
  if (!data.labels.defined())
    throw sdk::InputError("data.protocol 'one_class' needs labels, and '" + config.source.loader +
                          "' gave none");
  if (test_source) check_test_source(data, *test_source);
  check_classes_present(data.labels, config.normal_classes, data.description);
  auto labels = data.labels.to(torch::kLong).contiguous();
  const auto* label = labels.data_ptr<std::int64_t>();
  std::vector<std::int64_t> normal, outlier;
  for (std::int64_t i = 0; i < labels.size(0); ++i) {
    bool is_normal = std::find(config.normal_classes.begin(), config.normal_classes.end(),
                               label[i]) != config.normal_classes.end();
    (is_normal ? normal : outlier).push_back(i);
  }
  if (normal.empty() || outlier.empty())
    throw sdk::InputError("data.normal_classes must name some but not all classes of " +
                          data.description);

  std::mt19937_64 rng(seed);
  std::shuffle(normal.begin(), normal.end(), rng);
  std::shuffle(outlier.begin(), outlier.end(), rng);
  if (config.limit > 0 && static_cast<std::size_t>(config.limit) < normal.size())
    normal.resize(static_cast<std::size_t>(config.limit));

  // With [data.test], the standard protocol: the test set is that whole split, and the source's
  // normal samples are cut into train and validation only.
  auto parts = test_source ? split_train_validation(normal, config.split)
                           : split_three_ways(normal, config.split);
  const auto val_out = outliers_for(parts.validation.size(), config.contamination);
  const auto test_out = test_source ? 0 : outliers_for(parts.test.size(), config.contamination);
  if (static_cast<std::size_t>(val_out + test_out) > outlier.size())
    throw sdk::InputError("not enough outliers for data.contamination " +
                          std::to_string(config.contamination));
  std::vector<std::int64_t> outliers_val(outlier.begin(), outlier.begin() + val_out);
  std::vector<std::int64_t> outliers_test(outlier.begin() + val_out,
                                          outlier.begin() + val_out + test_out);

  DataSplits splits;
  splits.train = select_rows(data.samples, parts.train);
  splits.validation = contaminated(data.samples, parts.validation, data.samples, outliers_val);
  splits.test =
      test_source ? whole_test_set(test_source->samples, test_source->labels, config.normal_classes)
                  : contaminated(data.samples, parts.test, data.samples, outliers_test);
  const auto test_outliers = splits.test.outliers();
  const auto test_normal = splits.test.is_outlier.size() - test_outliers;
  if (test_source && (test_outliers == 0 || test_normal == 0))
    throw sdk::InputError("[data.test] (" + test_source->description + ") has " +
                          std::to_string(test_normal) + " samples of data.normal_classes and " +
                          std::to_string(test_outliers) + " others; it needs both");
  splits.shape.dims.assign(data.samples.sizes().begin() + 1, data.samples.sizes().end());
  splits.description =
      "one-class on " + data.description + ", normal: " + class_list(data, config.normal_classes) +
      "; train " + std::to_string(parts.train.size()) + ", validation " +
      std::to_string(parts.validation.size()) + "+" + std::to_string(val_out) + ", test " +
      std::to_string(test_normal) + "+" + std::to_string(test_outliers) + " outliers" +
      (test_source ? " (all of " + test_source->description + ")" : "");
  return splits;
}

}  // namespace autood
