#pragma once
// A reward with a known optimum, for testing controllers without training a child: the fraction
// of decisions equal to a hidden target architecture, over the paper's space at N = 3.
#include <cstdint>
#include <vector>

#include "autood/sdk/controller.hpp"

namespace autood::test {

// hypothesis, distance, then (channels, kernel, pooling, pooling kernel, norm, activation) x 3.
inline std::vector<std::int64_t> paper_option_counts() {
  std::vector<std::int64_t> counts{4, 4};
  for (int layer = 0; layer < 3; ++layer) counts.insert(counts.end(), {7, 4, 2, 4, 3, 8});
  return counts;
}

inline sdk::Architecture hidden_target(const std::vector<std::int64_t>& counts) {
  sdk::Architecture target;
  for (std::size_t t = 0; t < counts.size(); ++t) target.push_back(static_cast<std::int64_t>(3 * t + 1) % counts[t]);
  return target;
}

inline double synthetic_reward(const sdk::Architecture& a, const sdk::Architecture& target) {
  double equal = 0;
  for (std::size_t t = 0; t < target.size(); ++t) equal += a[t] == target[t];
  return equal / static_cast<double>(target.size());
}

// The expected reward of uniform guessing: the mean over decisions of 1 / options.
inline double random_expectation(const std::vector<std::int64_t>& counts) {
  double sum = 0;
  for (auto c : counts) sum += 1.0 / static_cast<double>(c);
  return sum / static_cast<double>(counts.size());
}

}  // namespace autood::test
