#include "data/DataSplits.hpp"

#include <numeric>

namespace autood {

std::size_t LabelledSet::outliers() const {
  return static_cast<std::size_t>(std::accumulate(is_outlier.begin(), is_outlier.end(), 0));
}

}  // namespace autood
