#include "data/SplitHelpers.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "autood/sdk/errors.hpp"

namespace autood {

at::Tensor select_rows(const at::Tensor& samples, const std::vector<std::int64_t>& index) {
  return samples.index_select(0, torch::tensor(index, torch::kLong)).contiguous();
}

LabelledSet contaminated(const at::Tensor& normal_source, const std::vector<std::int64_t>& normal,
                         const at::Tensor& outlier_source,
                         const std::vector<std::int64_t>& outliers) {
  LabelledSet set;
  set.samples =
      torch::cat({select_rows(normal_source, normal), select_rows(outlier_source, outliers)});
  set.is_outlier.assign(normal.size(), 0);
  set.is_outlier.resize(normal.size() + outliers.size(), 1);
  set.source_index = normal;
  const bool one_source = normal_source.is_same(outlier_source);
  for (auto i : outliers) set.source_index.push_back(one_source ? i : -1);
  return set;
}

std::int64_t outliers_for(std::size_t normal, double contamination) {
  return std::max<std::int64_t>(
      1, std::llround(static_cast<double>(normal) * contamination / (1 - contamination)));
}

namespace {

// The fewest items that `weights` cut with no part empty, by the floors the splits below take:
// each part but the last gets floor(n * weight / total), the last what is left.
std::size_t fewest_to_cut(const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  auto some_part_empty = [&](std::size_t count) {
    std::size_t taken = 0;
    for (std::size_t i = 0; i + 1 < weights.size(); ++i) {
      const double part = std::floor(static_cast<double>(count) * weights[i] / total);
      if (part < 1) return true;
      taken += static_cast<std::size_t>(part);
    }
    return taken >= count;
  };
  // No smaller count gives the smallest floored part an item. The search is bounded, so a
  // freakish split gets a lower bound ("at least") rather than a long loop.
  const double smallest = *std::min_element(weights.begin(), weights.end() - 1);
  const double start = std::max(1.0, std::floor(total / smallest) - 1);
  if (!(start < 1e12)) return static_cast<std::size_t>(1e12);
  auto n = static_cast<std::size_t>(start);
  for (const auto last = n + 1000000; n < last && some_part_empty(n);) ++n;
  return n;
}

}  // namespace

std::size_t fewest_to_split(const std::vector<double>& split, bool test_given) {
  return test_given ? fewest_to_cut({split[0], split[1]})
                    : fewest_to_cut({split[0], split[1], split[2]});
}

ThreeWay split_three_ways(const std::vector<std::int64_t>& items, const std::vector<double>& split,
                          const std::string& source) {
  const double total = split[0] + split[1] + split[2];
  const auto n = static_cast<double>(items.size());
  const auto n_train = static_cast<std::ptrdiff_t>(std::floor(n * split[0] / total));
  const auto n_val = static_cast<std::ptrdiff_t>(std::floor(n * split[1] / total));
  ThreeWay parts;
  parts.train.assign(items.begin(), items.begin() + n_train);
  parts.validation.assign(items.begin() + n_train, items.begin() + n_train + n_val);
  parts.test.assign(items.begin() + n_train + n_val, items.end());
  if (parts.train.empty() || parts.validation.empty() || parts.test.empty())
    throw sdk::InputError(
        "too few normal samples to cut by data.split: train, validation and test need at least " +
        std::to_string(fewest_to_split(split, false)) + ", and there are " +
        std::to_string(items.size()) + " (" + source + ")");
  return parts;
}

ThreeWay split_train_validation(const std::vector<std::int64_t>& items,
                                const std::vector<double>& split, const std::string& source) {
  const double total = split[0] + split[1];
  const auto n_train =
      static_cast<std::ptrdiff_t>(std::floor(static_cast<double>(items.size()) * split[0] / total));
  ThreeWay parts;
  parts.train.assign(items.begin(), items.begin() + n_train);
  parts.validation.assign(items.begin() + n_train, items.end());
  if (parts.train.empty() || parts.validation.empty())
    throw sdk::InputError(
        "too few normal samples to cut by data.split: train and validation need at least " +
        std::to_string(fewest_to_split(split, true)) + ", and there are " +
        std::to_string(items.size()) + " (" + source + ")");
  return parts;
}

bool contains(const std::vector<std::int64_t>& classes, std::int64_t c) {
  return std::find(classes.begin(), classes.end(), c) != classes.end();
}

LabelledSet whole_test_set(const at::Tensor& samples, const at::Tensor& labels,
                           const std::vector<std::int64_t>& normal_classes,
                           const std::vector<std::int64_t>& outlier_classes) {
  LabelledSet set;
  const auto n = samples.size(0);
  auto label_tensor = labels.to(torch::kLong).contiguous();
  const auto* label = label_tensor.data_ptr<std::int64_t>();
  for (std::int64_t i = 0; i < n; ++i) {
    const bool normal = contains(normal_classes, label[i]);
    if (!normal && !outlier_classes.empty() && !contains(outlier_classes, label[i])) continue;
    set.is_outlier.push_back(normal ? 0 : 1);
    set.source_index.push_back(i);
  }
  set.samples = static_cast<std::int64_t>(set.source_index.size()) == n
                    ? samples.contiguous()
                    : select_rows(samples, set.source_index);
  return set;
}

void check_classes_present(const at::Tensor& labels, const std::vector<std::int64_t>& classes,
                           const std::string& description, const std::string& key) {
  auto unique = std::get<0>(at::_unique(labels.to(torch::kLong), /*sorted=*/true));
  std::vector<std::int64_t> present(unique.data_ptr<std::int64_t>(),
                                    unique.data_ptr<std::int64_t>() + unique.numel());
  for (auto c : classes) {
    if (std::binary_search(present.begin(), present.end(), c)) continue;
    std::string have;
    if (!present.empty() &&
        present.back() - present.front() + 1 == static_cast<std::int64_t>(present.size()))
      have = "classes " + std::to_string(present.front()) + " to " + std::to_string(present.back());
    else
      for (std::size_t i = 0; i < present.size() && i < 20; ++i)
        have += (i ? ", " : "classes ") + std::to_string(present[i]);
    if (present.size() > 20) have += ", ... (" + std::to_string(present.size()) + " in all)";
    throw sdk::InputError(key + ": class " + std::to_string(c) + " has no sample in " +
                          description + ", which has " + (have.empty() ? "no labels" : have));
  }
}

}  // namespace autood
