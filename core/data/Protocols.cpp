#include "data/Protocols.hpp"

#include <algorithm>
#include <optional>

#include "autood/sdk/errors.hpp"
#include "data/OneClassProtocol.hpp"
#include "data/OodProtocol.hpp"
#include "data/SegmentationProtocol.hpp"

namespace autood {
namespace {

sdk::Dataset load_source(const SourceConfig& source, const Registry& registry, sdk::Logger& log) {
  const auto& choice = registry.get<sdk::DatasetChoice>(source.loader);
  auto params = resolve_options(choice.params, source.options, source.section);
  sdk::Dataset data = choice.create()->load(params, log);
  if (!data.samples.defined() || data.samples.dim() < 2 || data.samples.size(0) == 0)
    throw sdk::InputError("dataset loader '" + source.loader + "' (" + source.section +
                          ") returned no samples");
  return data;
}

}  // namespace

DataSplits prepare_data(const DataConfig& config, const Registry& registry, std::uint64_t seed,
                        sdk::Logger& log) {
  const std::vector<std::string> protocols{"one_class", "ood", "segmentation"};
  if (std::find(protocols.begin(), protocols.end(), config.protocol) == protocols.end())
    throw sdk::InputError("unknown data.protocol '" + config.protocol +
                          "'; valid: one_class, ood, segmentation");
  const bool synthetic = config.validation == "synthetic";
  if (synthetic && config.protocol == "ood")
    throw sdk::InputError(
        "data.validation = \"synthetic\" is built for data.protocol 'one_class' and "
        "'segmentation'; 'ood' reads its outliers from [data.outliers]");
  if (config.protocol == "ood" && config.outliers.loader.empty())
    throw sdk::InputError(
        "data.protocol 'ood' needs a [data.outliers] section with a loader for the outliers");
  const bool has_test = !config.test.loader.empty();
  if (config.protocol == "ood" && has_test != !config.test_outliers.loader.empty())
    throw sdk::InputError(
        "data.protocol 'ood' takes [data.test] and [data.test_outliers] together (the test "
        "split's inliers and outliers); the config gives only " +
        std::string(has_test ? "[data.test]" : "[data.test_outliers]"));
  if (config.protocol != "ood" && !config.test_outliers.loader.empty())
    throw sdk::InputError("[data.test_outliers] belongs to data.protocol 'ood' only");
  if (config.protocol == "segmentation" && has_test)
    throw sdk::InputError(
        "data.protocol 'segmentation' takes its test split from [data.source]; remove [data.test]");
  if (config.protocol != "one_class")
    for (const auto& [key, given] :
         {std::pair{"train_outliers", config.train_outliers > 0},
          std::pair{"outlier_classes", !config.outlier_classes.empty()},
          std::pair{"test_outlier_classes", !config.test_outlier_classes.empty()}})
      if (given)
        throw sdk::InputError(std::string("data.") + key +
                              " belongs to data.protocol 'one_class' only, and this config's is '" +
                              config.protocol + "'");
  sdk::Dataset data = load_source(config.source, registry, log);
  std::optional<SyntheticOutliers> made;
  if (synthetic) made.emplace(config, registry, static_cast<int>(data.samples.dim()), log);
  const SyntheticOutliers* generators = made ? &*made : nullptr;

  DataSplits splits;
  if (config.protocol == "one_class") {
    if (has_test) {
      auto test = load_source(config.test, registry, log);
      splits = one_class_splits(data, config, seed, &test, generators);
    } else {
      splits = one_class_splits(data, config, seed, nullptr, generators);
    }
  } else if (config.protocol == "ood") {
    auto outliers = load_source(config.outliers, registry, log);
    if (has_test) {
      auto test_inliers = load_source(config.test, registry, log);
      auto test_outliers = load_source(config.test_outliers, registry, log);
      OodTestSources test{test_inliers, test_outliers};
      splits = ood_splits(data, outliers, config, seed, &test);
    } else {
      splits = ood_splits(data, outliers, config, seed);
    }
  } else {
    splits = segmentation_splits(data, config, seed, generators);
  }
  if ((splits.train.dim() == 2 || splits.train.dim() == 3) && config.standardize)
    standardize_features(splits);
  return splits;
}

}  // namespace autood
