#include "data/DataSplits.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
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

std::string splits_csv(const DataSplits& splits) {
  std::string text = "split,row,source_index,is_outlier\n";
  // One row per training sample, whatever was recorded of it: a row whose source is unknown
  // says -1, as in the other splits.
  const auto train_rows = splits.train.defined() ? static_cast<std::size_t>(splits.train.size(0))
                                                 : splits.train_source_index.size();
  std::vector<float> train_labels(train_rows, 0.0f);
  if (splits.train_labels.defined()) {
    const auto labels = splits.train_labels.to(torch::kFloat).contiguous();
    std::copy_n(labels.data_ptr<float>(),
                std::min<std::size_t>(train_labels.size(), labels.numel()), train_labels.begin());
  }
  for (std::size_t i = 0; i < train_rows; ++i)
    text += fmt::format(
        "train,{},{},{}\n", i,
        i < splits.train_source_index.size() ? splits.train_source_index[i] : std::int64_t{-1},
        train_labels[i] > 0.5f ? 1 : 0);
  for (const auto& [name, set] :
       {std::pair{"validation", &splits.validation}, std::pair{"test", &splits.test}})
    for (std::size_t i = 0; i < set->is_outlier.size(); ++i)
      text +=
          fmt::format("{},{},{},{}\n", name, i,
                      i < set->source_index.size() ? set->source_index[i] : -1, set->is_outlier[i]);
  return text;
}

}  // namespace autood
