#include "analysis/PairedTest.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace autood {
namespace {

// Ranks of the magnitudes, 1-based, ties sharing their mean rank; doubled, so they are integers.
std::vector<std::int64_t> doubled_ranks(const std::vector<double>& magnitudes) {
  std::vector<std::size_t> order(magnitudes.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](auto i, auto j) { return magnitudes[i] < magnitudes[j]; });
  std::vector<std::int64_t> ranks(magnitudes.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end + 1 < order.size() && magnitudes[order[end + 1]] == magnitudes[order[start]]) ++end;
    const auto doubled =
        static_cast<std::int64_t>(start + end + 2);  // 2 x mean of ranks start+1..end+1
    for (std::size_t k = start; k <= end; ++k) ranks[order[k]] = doubled;
    start = end + 1;
  }
  return ranks;
}

// P(W+ <= w) and P(W+ >= w) under the null, where each rank's sign is a fair coin: the count of
// sign patterns for every doubled sum, by dynamic programming over the ranks.
double exact_two_sided(const std::vector<std::int64_t>& doubled, std::int64_t observed) {
  const auto total = std::accumulate(doubled.begin(), doubled.end(), std::int64_t{0});
  std::vector<double> ways(static_cast<std::size_t>(total) + 1, 0.0);
  ways[0] = 1.0;
  std::int64_t reach = 0;
  for (auto r : doubled) {
    for (std::int64_t s = reach; s >= 0; --s)
      if (ways[static_cast<std::size_t>(s)] > 0)
        ways[static_cast<std::size_t>(s + r)] += ways[static_cast<std::size_t>(s)];
    reach += r;
  }
  const double patterns = std::pow(2.0, static_cast<double>(doubled.size()));
  double low = 0, high = 0;
  for (std::int64_t s = 0; s <= total; ++s) {
    if (s <= observed) low += ways[static_cast<std::size_t>(s)];
    if (s >= observed) high += ways[static_cast<std::size_t>(s)];
  }
  return std::min(1.0, 2.0 * std::min(low, high) / patterns);
}

}  // namespace

WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& differences) {
  std::vector<double> nonzero;
  for (double d : differences) {
    if (!std::isfinite(d))
      throw std::invalid_argument("wilcoxon_signed_rank: a difference is not finite");
    if (d != 0.0) nonzero.push_back(d);
  }
  WilcoxonResult result;
  result.n = nonzero.size();
  if (nonzero.empty()) return result;
  std::vector<double> magnitudes;
  for (double d : nonzero) magnitudes.push_back(std::fabs(d));
  const auto doubled = doubled_ranks(magnitudes);
  std::int64_t plus_doubled = 0;
  for (std::size_t i = 0; i < nonzero.size(); ++i)
    if (nonzero[i] > 0) plus_doubled += doubled[i];
  result.w_plus = static_cast<double>(plus_doubled) / 2.0;
  if (nonzero.size() <= kExactPairs) {
    result.exact = true;
    result.p_value = exact_two_sided(doubled, plus_doubled);
    return result;
  }
  const double n = static_cast<double>(nonzero.size());
  const double mean = n * (n + 1) / 4;
  double variance = n * (n + 1) * (2 * n + 1) / 24;
  std::vector<double> sorted = magnitudes;  // tie correction: sum of (t^3 - t) / 48 over tie groups
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t start = 0; start < sorted.size();) {
    std::size_t end = start;
    while (end + 1 < sorted.size() && sorted[end + 1] == sorted[start]) ++end;
    const double t = static_cast<double>(end - start + 1);
    variance -= (t * t * t - t) / 48;
    start = end + 1;
  }
  const double z = variance > 0 ? (result.w_plus - mean) / std::sqrt(variance) : 0.0;
  result.p_value = std::erfc(std::fabs(z) / std::sqrt(2.0));
  return result;
}

PairedSummary compare_paired(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size())
    throw std::invalid_argument("compare_paired: the two series differ in length");
  PairedSummary summary;
  summary.pairs = a.size();
  if (a.empty()) return summary;
  std::vector<double> differences;
  for (std::size_t i = 0; i < a.size(); ++i) {
    differences.push_back(a[i] - b[i]);
    summary.wins += a[i] > b[i];
    summary.losses += a[i] < b[i];
  }
  const double n = static_cast<double>(differences.size());
  summary.mean_difference = std::accumulate(differences.begin(), differences.end(), 0.0) / n;
  if (differences.size() > 1) {
    double squares = 0;
    for (double d : differences)
      squares += (d - summary.mean_difference) * (d - summary.mean_difference);
    summary.standard_error = std::sqrt(squares / (n - 1) / n);
  }
  summary.wilcoxon = wilcoxon_signed_rank(differences);
  return summary;
}

}  // namespace autood
