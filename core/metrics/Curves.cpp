#include "metrics/Curves.hpp"

#include <algorithm>
#include <numeric>

namespace autood {
namespace {

// Walks the scores from the highest down, calling visit(tp, fp) after each group of ties.
template <typename Visit>
void walk(const std::vector<double>& scores, const std::vector<int>& is_outlier, Visit visit) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  double tp = 0, fp = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    (is_outlier[order[i]] ? tp : fp) += 1;
    if (i + 1 == order.size() || scores[order[i + 1]] != scores[order[i]]) visit(tp, fp);
  }
}

}  // namespace

std::vector<CurvePoint> roc_curve(const std::vector<double>& scores,
                                  const std::vector<int>& is_outlier) {
  const double positives = static_cast<double>(std::count(is_outlier.begin(), is_outlier.end(), 1));
  const double negatives = static_cast<double>(is_outlier.size()) - positives;
  std::vector<CurvePoint> curve{{0.0, 0.0}};
  if (positives == 0 || negatives == 0) return curve;
  walk(scores, is_outlier, [&](double tp, double fp) {
    curve.push_back({fp / negatives, tp / positives});
  });
  return curve;
}

std::vector<CurvePoint> pr_curve(const std::vector<double>& scores,
                                 const std::vector<int>& is_outlier) {
  const double positives = static_cast<double>(std::count(is_outlier.begin(), is_outlier.end(), 1));
  std::vector<CurvePoint> curve;
  if (positives == 0) return curve;
  walk(scores, is_outlier, [&](double tp, double fp) {
    curve.push_back({tp / positives, tp / (tp + fp)});
  });
  return curve;
}

std::vector<CurvePoint> thin(const std::vector<CurvePoint>& curve, std::size_t limit) {
  if (curve.size() <= limit || limit < 2) return curve;
  std::vector<CurvePoint> out;
  const double step = static_cast<double>(curve.size() - 1) / static_cast<double>(limit - 1);
  for (std::size_t i = 0; i < limit; ++i)
    out.push_back(curve[static_cast<std::size_t>(i * step + 0.5)]);
  out.back() = curve.back();
  return out;
}

}  // namespace autood
