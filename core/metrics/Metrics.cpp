#include "metrics/Metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "autood/sdk/errors.hpp"

namespace autood {
namespace {

// Cumulative true and false positives at each distinct threshold, from the highest score down.
struct Curve {
  std::vector<double> tps, fps;
};

Curve cumulative_counts(const std::vector<double>& scores, const std::vector<int>& positive) {
  if (scores.size() != positive.size() || scores.empty())
    throw sdk::InputError("metrics need one label per score and at least one sample");
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  Curve curve;
  double tp = 0, fp = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    (positive[order[i]] ? tp : fp) += 1;
    bool last_of_tie = i + 1 == order.size() || scores[order[i + 1]] != scores[order[i]];
    if (last_of_tie) {
      curve.tps.push_back(tp);
      curve.fps.push_back(fp);
    }
  }
  return curve;
}

void require_both_classes(const Curve& curve) {
  if (curve.tps.back() == 0 || curve.fps.back() == 0)
    throw sdk::InputError("metrics need both outliers and in-distribution samples");
}

}  // namespace

double auroc(const std::vector<double>& scores, const std::vector<int>& is_outlier) {
  Curve curve = cumulative_counts(scores, is_outlier);
  require_both_classes(curve);
  const double positives = curve.tps.back(), negatives = curve.fps.back();
  double area = 0, prev_tpr = 0, prev_fpr = 0;
  for (std::size_t i = 0; i < curve.tps.size(); ++i) {
    double tpr = curve.tps[i] / positives, fpr = curve.fps[i] / negatives;
    area += (fpr - prev_fpr) * (tpr + prev_tpr) / 2;  // trapezoid: ties give a diagonal segment
    prev_tpr = tpr;
    prev_fpr = fpr;
  }
  return area;
}

double average_precision(const std::vector<double>& scores, const std::vector<int>& positive) {
  Curve curve = cumulative_counts(scores, positive);
  require_both_classes(curve);
  const double positives = curve.tps.back();
  double ap = 0, prev_recall = 0;
  for (std::size_t i = 0; i < curve.tps.size(); ++i) {
    double recall = curve.tps[i] / positives;
    double precision = curve.tps[i] / (curve.tps[i] + curve.fps[i]);
    ap += (recall - prev_recall) * precision;
    prev_recall = recall;
  }
  return ap;
}

bool all_finite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

DetectionMetrics detection_metrics(const std::vector<double>& scores,
                                   const std::vector<int>& is_outlier) {
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (!std::isfinite(scores[i]))
      throw sdk::InputError("score of sample " + std::to_string(i) + " is not finite");
  std::vector<double> negated(scores.size());
  std::vector<int> is_inlier(is_outlier.size());
  for (std::size_t i = 0; i < scores.size(); ++i) negated[i] = -scores[i];
  for (std::size_t i = 0; i < is_outlier.size(); ++i) is_inlier[i] = is_outlier[i] ? 0 : 1;
  DetectionMetrics metrics;
  metrics.auroc = auroc(scores, is_outlier);
  metrics.aupr_out = average_precision(scores, is_outlier);
  metrics.aupr_in = average_precision(negated, is_inlier);
  return metrics;
}

DetectionMetrics test_metrics(const std::vector<double>& scores,
                              const std::vector<int>& is_outlier) {
  const auto outliers = std::count(is_outlier.begin(), is_outlier.end(), 1);
  const bool both_classes =
      outliers > 0 && outliers < static_cast<std::ptrdiff_t>(is_outlier.size());
  if (all_finite(scores) && both_classes) return detection_metrics(scores, is_outlier);
  const double unmeasured = std::nan("");
  return {unmeasured, unmeasured, unmeasured};
}

}  // namespace autood
