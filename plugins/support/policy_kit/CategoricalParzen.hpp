#pragma once
// The Parzen estimator of one categorical decision that TPE compares between its good and its bad
// observations (Bergstra et al. 2011; Optuna's weights and prior).
#include <cstdint>
#include <vector>

#include "autood/sdk/controller.hpp"

namespace autood::controllers {

// Optuna's default_weights for a group of n, oldest first: n ones, or, beyond 25, a linear ramp
// from 1/n up to 1 for all but the newest 25, which weigh 1.
std::vector<double> recency_weights(std::size_t n);

// The smoothed, weighted share of each of `options` options of decision t in a group (oldest
// first): (sum of the weights of members that chose c + prior_weight / options) /
// (sum of all weights + prior_weight). The shares sum to 1.
std::vector<double> option_shares(const std::vector<const sdk::Architecture*>& group, std::size_t t,
                                  std::int64_t options, double prior_weight);

}  // namespace autood::controllers
