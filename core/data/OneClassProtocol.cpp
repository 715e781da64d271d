#include "data/OneClassProtocol.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_set>

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

// " (data.source.limit 3)" when the loader was told to read at most that many samples.
std::string source_limit(const SourceConfig& source) {
  const auto found = source.options.find("limit");
  if (found == source.options.end()) return "";
  const auto* limit = std::get_if<std::int64_t>(&found->second.value);
  return limit && *limit > 0 ? " (" + source.section + ".limit " + std::to_string(*limit) + ")"
                             : "";
}

// A source too small for the protocol whatever its classes hold: said with the counts before
// any class is looked for, so that it is not blamed on data.normal_classes.
void check_enough_samples(const sdk::Dataset& data, const DataConfig& config, bool test_given,
                          bool synthetic) {
  const auto normal = fewest_to_split(config.split, test_given);
  // The search's labelled one (none when they are made), the test set's.
  const std::size_t outliers = (synthetic ? 0 : 1) + (test_given ? 0 : 1);
  const auto have = static_cast<std::size_t>(data.samples.size(0));
  if (have >= normal + outliers) return;
  throw sdk::InputError(
      data.description + " gives " + std::to_string(have) + " samples" +
      source_limit(config.source) + "; data.protocol 'one_class' needs at least " +
      std::to_string(normal + outliers) + ": " + std::to_string(normal) +
      " normal ones to cut by data.split" +
      (outliers == 0
           ? std::string()
           : ", and " + std::to_string(outliers) + (outliers == 1 ? " outlier" : " outliers")));
}

struct OutlierPools {
  std::vector<std::int64_t> labelled;  // the search's: training then validation
  std::vector<std::int64_t> test;      // the test set's, when it is cut from the source
};

// Draws the search's `labelled` outliers (of data.outlier_classes) and the test set's `test` (of
// data.test_outlier_classes) from the shuffled `outlier` rows, never a row twice. With neither
// list given, the first `labelled` rows, then the next `test`. When the test's classes are
// named, the test draws first, so that the search cannot use up its scarce rows.
OutlierPools outlier_pools(const sdk::Dataset& data, const std::vector<std::int64_t>& outlier,
                           const DataConfig& config, std::int64_t labelled, std::int64_t test) {
  const auto labels = data.labels.to(torch::kLong).contiguous();
  const auto* label = labels.data_ptr<std::int64_t>();
  std::unordered_set<std::int64_t> used;
  auto draw = [&](std::vector<std::int64_t>& pool, std::int64_t count,
                  const std::vector<std::int64_t>& classes) {
    for (auto i : outlier) {
      if (static_cast<std::int64_t>(pool.size()) == count) break;
      if (used.count(i) == 0 && (classes.empty() || contains(classes, label[i]))) {
        pool.push_back(i);
        used.insert(i);
      }
    }
  };
  OutlierPools pools;
  if (!config.test_outlier_classes.empty()) draw(pools.test, test, config.test_outlier_classes);
  draw(pools.labelled, labelled, config.outlier_classes);
  if (config.test_outlier_classes.empty()) draw(pools.test, test, config.test_outlier_classes);
  const auto has = [](const std::vector<std::int64_t>& pool) {
    return std::to_string(pool.size());
  };
  if (static_cast<std::int64_t>(pools.labelled.size()) < labelled ||
      static_cast<std::int64_t>(pools.test.size()) < test)
    throw sdk::InputError(
        "not enough outliers for data.contamination " + std::to_string(config.contamination) +
        ": the search needs " + std::to_string(labelled) +
        (config.outlier_classes.empty() ? "" : " of data.outlier_classes") +
        (test > 0 ? " and the test set " + std::to_string(test) +
                        (config.test_outlier_classes.empty() ? "" : " of data.test_outlier_classes")
                  : "") +
        ", and " + data.description + " gave " + has(pools.labelled) +
        (test > 0 ? " and " + has(pools.test) : ""));
  return pools;
}

// Which anomaly types the search saw and which the test holds, when the config names them.
// A search that made its outliers says only that.
std::string seen_classes(const sdk::Dataset& data, const DataConfig& config, bool synthetic) {
  auto list = [&](const std::vector<std::int64_t>& classes) {
    return classes.empty() ? std::string("every other class") : class_list(data, classes);
  };
  const std::string test = "test outliers of " + list(config.test_outlier_classes);
  if (synthetic)
    return (config.test_outlier_classes.empty() ? "" : "; " + test) + "; labelled outliers: none";
  if (config.outlier_classes.empty() && config.test_outlier_classes.empty()) return "";
  return "; labelled outliers of " + list(config.outlier_classes) + ", " + test;
}

// `count` outliers made from a split's shuffled normal `rows` (SyntheticOutliers::make says how).
at::Tensor made_outliers(const SyntheticOutliers& synthetic, const at::Tensor& samples,
                         const std::vector<std::int64_t>& rows, std::int64_t count,
                         std::uint64_t seed) {
  return synthetic.make(select_rows(samples, rows), count, seed).samples;
}

}  // namespace

DataSplits one_class_splits(const sdk::Dataset& data, const DataConfig& config, std::uint64_t seed,
                            const sdk::Dataset* test_source, const SyntheticOutliers* synthetic) {
  if (!data.labels.defined())
    throw sdk::InputError("data.protocol 'one_class' needs labels, and '" + config.source.loader +
                          "' gave none");
  if (test_source) check_test_source(data, *test_source);
  check_enough_samples(data, config, test_source != nullptr, synthetic != nullptr);
  check_classes_present(data.labels, config.normal_classes, data.description);
  check_classes_present(data.labels, config.outlier_classes, data.description,
                        "data.outlier_classes");
  const auto& tested = test_source ? *test_source : data;
  check_classes_present(tested.labels, config.test_outlier_classes, tested.description,
                        "data.test_outlier_classes");
  auto labels = data.labels.to(torch::kLong).contiguous();
  const auto* label = labels.data_ptr<std::int64_t>();
  std::vector<std::int64_t> normal, outlier;
  for (std::int64_t i = 0; i < labels.size(0); ++i) {
    (contains(config.normal_classes, label[i]) ? normal : outlier).push_back(i);
  }
  // Made outliers and a test set of its own leave the source nothing to give but normal samples.
  const bool needs_outliers = !(synthetic && test_source);
  if (normal.empty() || (needs_outliers && outlier.empty()))
    throw sdk::InputError("data.normal_classes must name some but not all classes of " +
                          data.description);

  std::mt19937_64 rng(seed);
  std::shuffle(normal.begin(), normal.end(), rng);
  std::shuffle(outlier.begin(), outlier.end(), rng);
  const bool limited = config.limit > 0 && static_cast<std::size_t>(config.limit) < normal.size();
  if (limited) normal.resize(static_cast<std::size_t>(config.limit));

  // With [data.test], the standard protocol: the test set is that whole split, and the source's
  // normal samples are cut into train and validation only.
  const std::string source = "the normal classes " + class_list(data, config.normal_classes) +
                             " of " + data.description +
                             (limited ? ", cut to data.limit " + std::to_string(config.limit) : "");
  auto parts = test_source ? split_train_validation(normal, config.split, source)
                           : split_three_ways(normal, config.split, source);
  // The search's labelled outliers: as many as data.contamination gives validation, of
  // data.outlier_classes; data.train_outliers of them go to training instead.
  const auto labelled = outliers_for(parts.validation.size(), config.contamination);
  const auto train_out = static_cast<std::int64_t>(
      std::llround(config.train_outliers * static_cast<double>(labelled)));
  const auto val_out = labelled - train_out;
  const std::string kind = synthetic ? " made outliers" : " labelled outliers";
  if (config.train_outliers > 0 && train_out == 0)
    throw sdk::InputError("data.train_outliers " + std::to_string(config.train_outliers) +
                          " of the " + std::to_string(labelled) + kind +
                          " rounds to none; raise it or data.contamination");
  if (val_out < 1)
    throw sdk::InputError("data.train_outliers " + std::to_string(config.train_outliers) +
                          " leaves validation none of the " + std::to_string(labelled) + kind +
                          "; lower it or raise data.contamination");
  const auto test_out = test_source ? 0 : outliers_for(parts.test.size(), config.contamination);
  const auto pools = outlier_pools(data, outlier, config, synthetic ? 0 : labelled, test_out);
  std::vector<std::int64_t> outliers_train, outliers_val;
  if (!synthetic) {
    outliers_train.assign(pools.labelled.begin(), pools.labelled.begin() + train_out);
    outliers_val.assign(pools.labelled.begin() + train_out, pools.labelled.end());
  }

  DataSplits splits;
  if (synthetic) {
    // Validation's outliers are made from its own normal samples, training's from training's: no
    // sample of one split is seen in the other.
    const auto made = made_outliers(*synthetic, data.samples, parts.validation, val_out,
                                    seed ^ kValidationAnomalies);
    auto& validation = splits.validation;
    validation.samples = torch::cat({select_rows(data.samples, parts.validation), made});
    validation.is_outlier.assign(parts.validation.size(), 0);
    validation.is_outlier.resize(parts.validation.size() + static_cast<std::size_t>(val_out), 1);
    validation.source_index = parts.validation;
    validation.source_index.resize(validation.is_outlier.size(), -1);  // made: in no source
  }
  if (train_out > 0 && synthetic) {
    const auto made =
        made_outliers(*synthetic, data.samples, parts.train, train_out, seed ^ kTrainAnomalies);
    // Normal and made rows shuffled together, so that train.subset's first rows hold both.
    std::vector<std::int64_t> order(parts.train.size() + static_cast<std::size_t>(train_out));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int64_t>(i);
    std::shuffle(order.begin(), order.end(), rng);
    const auto both = torch::cat({select_rows(data.samples, parts.train), made});
    splits.train = select_rows(both, order);
    std::vector<float> label;
    for (auto i : order) {
      const bool is_made = i >= static_cast<std::int64_t>(parts.train.size());
      label.push_back(is_made ? 1.0f : 0.0f);
      splits.train_source_index.push_back(is_made ? -1 : parts.train[static_cast<std::size_t>(i)]);
    }
    splits.train_labels = torch::tensor(label, torch::kFloat);
  } else if (train_out == 0) {
    splits.train = select_rows(data.samples, parts.train);
    splits.train_source_index = parts.train;
  } else {
    // Normal and labelled rows shuffled together, so that train.subset's first rows hold both.
    std::vector<std::pair<std::int64_t, float>> rows;
    for (auto i : parts.train) rows.emplace_back(i, 0.0f);
    for (auto i : outliers_train) rows.emplace_back(i, 1.0f);
    std::shuffle(rows.begin(), rows.end(), rng);
    std::vector<std::int64_t> index;
    std::vector<float> label;
    for (const auto& [i, l] : rows) index.push_back(i), label.push_back(l);
    splits.train = select_rows(data.samples, index);
    splits.train_labels = torch::tensor(label, torch::kFloat);
    splits.train_source_index = index;
  }
  if (!synthetic)
    splits.validation = contaminated(data.samples, parts.validation, data.samples, outliers_val);
  splits.test = test_source ? whole_test_set(test_source->samples, test_source->labels,
                                             config.normal_classes, config.test_outlier_classes)
                            : contaminated(data.samples, parts.test, data.samples, pools.test);
  const auto test_outliers = splits.test.outliers();
  const auto test_normal = splits.test.is_outlier.size() - test_outliers;
  // A label-free search may test on normal samples only (fitting unlabelled data, say): its test
  // metrics are then unmeasured. A search ranked on labelled outliers is tested on some.
  const bool untested = synthetic && test_outliers == 0;
  if (test_source && (test_normal == 0 || (test_outliers == 0 && !untested)))
    throw sdk::InputError(
        "[data.test] (" + test_source->description + ") has " + std::to_string(test_normal) +
        " samples of data.normal_classes and " + std::to_string(test_outliers) +
        (config.test_outlier_classes.empty() ? " others" : " of data.test_outlier_classes") +
        (synthetic ? "; it needs samples of data.normal_classes" : "; it needs both"));
  splits.shape.dims.assign(data.samples.sizes().begin() + 1, data.samples.sizes().end());
  splits.description =
      "one-class on " + data.description + ", normal: " + class_list(data, config.normal_classes) +
      "; train " + std::to_string(parts.train.size()) +
      (train_out > 0 ? "+" + std::to_string(train_out) + kind : "") + ", validation " +
      std::to_string(parts.validation.size()) + "+" + std::to_string(val_out) +
      (synthetic ? " made by " + synthetic->names() : "") + ", test " +
      std::to_string(test_normal) + "+" + std::to_string(test_outliers) + " outliers" +
      (test_source ? " (all of " + test_source->description + ")" : "") +
      (untested ? ", so the test metrics are unmeasured" : "") +
      seen_classes(data, config, synthetic != nullptr);
  return splits;
}

}  // namespace autood
