#include "data/OodProtocol.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "autood/sdk/errors.hpp"
#include "data/SplitHelpers.hpp"

namespace autood {
namespace {

std::string shape_text(c10::IntArrayRef shape) { return c10::str(shape); }

}  // namespace

at::Tensor conform_samples(const at::Tensor& samples, const std::vector<std::int64_t>& shape,
                           const std::string& what) {
  const auto own = samples.sizes().slice(1);
  if (own.vec() == shape) return samples;
  if (static_cast<std::size_t>(samples.dim() - 1) != shape.size() || shape.size() != 3)
    throw sdk::InputError(what + " has samples of shape " + shape_text(own) +
                          ", which cannot be made " + shape_text(shape) +
                          " like the in-distribution data");
  at::Tensor x = samples;
  const auto want_channels = shape[0];
  if (x.size(1) != want_channels) {
    if (x.size(1) == 1)
      x = x.expand({x.size(0), want_channels, x.size(2), x.size(3)});
    else if (want_channels == 1)
      x = x.mean(1, true);
    else
      throw sdk::InputError(
          what + " has " + std::to_string(x.size(1)) + " channels and the in-distribution data " +
          std::to_string(want_channels) + "; only 1 against many can be converted");
  }
  if (x.size(2) != shape[1] || x.size(3) != shape[2]) {
    namespace F = torch::nn::functional;
    x = F::interpolate(x, F::InterpolateFuncOptions()
                              .size(std::vector<std::int64_t>{shape[1], shape[2]})
                              .mode(torch::kBilinear)
                              .align_corners(false));
  }
  return x.contiguous();
}

DataSplits ood_splits(const sdk::Dataset& inliers, const sdk::Dataset& outliers,
                      const DataConfig& config, std::uint64_t seed, const OodTestSources* test) {
  std::vector<std::int64_t> normal(static_cast<std::size_t>(inliers.samples.size(0)));
  std::iota(normal.begin(), normal.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(normal.begin(), normal.end(), rng);
  const bool limited = config.limit > 0 && static_cast<std::size_t>(config.limit) < normal.size();
  if (limited) normal.resize(static_cast<std::size_t>(config.limit));
  const std::string source =
      inliers.description + (limited ? ", cut to data.limit " + std::to_string(config.limit) : "");
  auto parts = test ? split_train_validation(normal, config.split, source)
                    : split_three_ways(normal, config.split, source);

  const std::vector<std::int64_t> shape(inliers.samples.sizes().begin() + 1,
                                        inliers.samples.sizes().end());
  auto outlier_samples =
      conform_samples(outliers.samples, shape, "data.outliers (" + outliers.description + ")");
  std::vector<std::int64_t> pool(static_cast<std::size_t>(outlier_samples.size(0)));
  std::iota(pool.begin(), pool.end(), 0);
  std::shuffle(pool.begin(), pool.end(), rng);
  const auto val_out = outliers_for(parts.validation.size(), config.contamination);
  const auto test_out = test ? 0 : outliers_for(parts.test.size(), config.contamination);
  if (static_cast<std::size_t>(val_out + test_out) > pool.size())
    throw sdk::InputError("data.outliers gives " + std::to_string(pool.size()) +
                          " samples; data.contamination " + std::to_string(config.contamination) +
                          " needs " + std::to_string(val_out + test_out));
  std::vector<std::int64_t> for_val(pool.begin(), pool.begin() + val_out);
  std::vector<std::int64_t> for_test(pool.begin() + val_out, pool.begin() + val_out + test_out);

  DataSplits splits;
  splits.train = select_rows(inliers.samples, parts.train);
  splits.train_source_index = parts.train;
  splits.validation = contaminated(inliers.samples, parts.validation, outlier_samples, for_val);
  std::string test_text;
  if (test) {
    // The standard protocol: every sample of both test sources, none left out.
    auto normal_test = conform_samples(test->inliers.samples, shape,
                                       "data.test (" + test->inliers.description + ")");
    auto outlier_test = conform_samples(test->outliers.samples, shape,
                                        "data.test_outliers (" + test->outliers.description + ")");
    std::vector<std::int64_t> all_normal(static_cast<std::size_t>(normal_test.size(0)));
    std::vector<std::int64_t> all_outliers(static_cast<std::size_t>(outlier_test.size(0)));
    std::iota(all_normal.begin(), all_normal.end(), 0);
    std::iota(all_outliers.begin(), all_outliers.end(), 0);
    splits.test = contaminated(normal_test, all_normal, outlier_test, all_outliers);
    test_text =
        " (all of " + test->inliers.description + " and " + test->outliers.description + ")";
  } else {
    splits.test = contaminated(inliers.samples, parts.test, outlier_samples, for_test);
  }
  const auto test_outliers = splits.test.outliers();
  splits.shape.dims = shape;
  splits.description = "ood: " + inliers.description + " against " + outliers.description +
                       "; train " + std::to_string(parts.train.size()) + ", validation " +
                       std::to_string(parts.validation.size()) + "+" + std::to_string(val_out) +
                       ", test " + std::to_string(splits.test.is_outlier.size() - test_outliers) +
                       "+" + std::to_string(test_outliers) + " outliers" + test_text;
  return splits;
}

}  // namespace autood
