#include "CategoricalParzen.hpp"

#include <numeric>

namespace autood::controllers {

namespace {
constexpr std::size_t kFlatWeights = 25;  // Optuna: the newest 25 of a group weigh 1
}

std::vector<double> recency_weights(std::size_t n) {
  std::vector<double> weights(n, 1.0);
  if (n <= kFlatWeights) return weights;
  const std::size_t ramp = n - kFlatWeights;
  const double low = 1.0 / static_cast<double>(n);
  for (std::size_t i = 0; i < ramp; ++i)  // numpy's linspace(1/n, 1, ramp)
    weights[i] = ramp == 1 ? low : low + (1.0 - low) * static_cast<double>(i) / (ramp - 1);
  return weights;
}

std::vector<double> option_shares(const std::vector<const sdk::Architecture*>& group, std::size_t t,
                                  std::int64_t options, double prior_weight) {
  auto weights = recency_weights(group.size());
  std::vector<double> shares(options, prior_weight / static_cast<double>(options));
  for (std::size_t i = 0; i < group.size(); ++i) shares[(*group[i])[t]] += weights[i];
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0) + prior_weight;
  for (auto& share : shares) share /= total;
  return shares;
}

}  // namespace autood::controllers
