#include "data/DataSplits.hpp"

#include <torch/torch.h>

#include <numeric>

namespace autood {

std::size_t LabelledSet::outliers() const {
  return static_cast<std::size_t>(std::accumulate(is_outlier.begin(), is_outlier.end(), 0));
}

void standardize_features(DataSplits& splits) {
  // Per feature of a table [N, D]; per channel of a series [N, C, L], over samples and time.
  const std::vector<std::int64_t> over =
      splits.train.dim() == 3 ? std::vector<std::int64_t>{0, 2} : std::vector<std::int64_t>{0};
  // The statistics of the normal training samples: labelled outliers must not shift them.
  const auto normal =
      splits.train_labels.defined()
          ? splits.train.index_select(0, splits.train_labels.lt(0.5).nonzero().squeeze(1))
          : splits.train;
  auto mean = normal.mean(over, true);
  auto std = normal.std(over, /*unbiased=*/false, true);
  std = torch::where(std > 0, std, torch::ones_like(std));
  splits.feature_mean = mean;
  splits.feature_std = std;
  splits.train = (splits.train - mean) / std;
  splits.validation.samples = (splits.validation.samples - mean) / std;
  splits.test.samples = (splits.test.samples - mean) / std;
}

}  // namespace autood
