#include "model/Ensemble.hpp"

#include <cmath>
#include <stdexcept>

namespace autood {

ScoreScale scale_on_inliers(const std::vector<double>& scores, const std::vector<int>& is_outlier) {
  double sum = 0, squares = 0, n = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (is_outlier[i]) continue;
    sum += scores[i];
    n += 1;
  }
  if (n == 0) throw std::invalid_argument("an ensemble member's scale needs validation inliers");
  const double mean = sum / n;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (!is_outlier[i]) squares += (scores[i] - mean) * (scores[i] - mean);
  const double std = n > 1 ? std::sqrt(squares / (n - 1)) : 0.0;  // sample standard deviation
  return {mean, std > 0 && std::isfinite(std) ? std : 1.0};
}

std::vector<double> combine_scores(const std::vector<std::vector<double>>& member_scores,
                                   const std::vector<ScoreScale>& scales) {
  if (member_scores.empty() || member_scores.size() != scales.size())
    throw std::invalid_argument("an ensemble needs one scale per member");
  std::vector<double> combined(member_scores.front().size(), 0.0);
  for (std::size_t m = 0; m < member_scores.size(); ++m) {
    if (member_scores[m].size() != combined.size())
      throw std::invalid_argument("ensemble members scored different numbers of samples");
    for (std::size_t i = 0; i < combined.size(); ++i)
      combined[i] += (member_scores[m][i] - scales[m].mean) / scales[m].std;
  }
  for (auto& value : combined) value /= static_cast<double>(member_scores.size());
  return combined;
}

}  // namespace autood
