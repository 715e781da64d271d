#pragma once
// Comparing two variants run on the same seeds: the per-seed differences, their mean and
// standard error, and the Wilcoxon signed-rank test of whether they are centred on zero.
#include <cstddef>
#include <vector>

namespace autood {

struct WilcoxonResult {
  std::size_t n = 0;     // pairs left after dropping zero differences
  double w_plus = 0.0;   // sum of the ranks of the positive differences
  double p_value = 1.0;  // two-sided
  bool exact = false;    // from the exact distribution, or the normal approximation
};

// Zero differences are dropped (Wilcoxon's own rule) and tied magnitudes share their mean rank.
// Up to kExactPairs pairs, the p-value comes from the exact distribution of W+ under the null,
// given these ranks (so ties are exact too); above, from the normal approximation with the tie
// correction and no continuity correction. No pairs left: p = 1.
WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& differences);
inline constexpr std::size_t kExactPairs = 50;

struct PairedSummary {
  std::size_t pairs = 0;
  double mean_difference = 0.0;
  double standard_error = 0.0;  // of the mean difference; 0 for one pair
  std::size_t wins = 0, losses = 0;
  WilcoxonResult wilcoxon;
};

// a[i] and b[i] come from the same seed; the difference is a - b.
PairedSummary compare_paired(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace autood
