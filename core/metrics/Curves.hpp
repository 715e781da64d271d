#pragma once
// ROC and precision-recall curves of a detector's scores, outliers as the positive class (a
// higher score means more anomalous). Tied scores make one step, so the area under the ROC
// points is the AUROC.
#include <vector>

namespace autood {

struct CurvePoint {
  double x = 0.0, y = 0.0;
};

// (false-positive rate, true-positive rate), from (0, 0) to (1, 1).
std::vector<CurvePoint> roc_curve(const std::vector<double>& scores,
                                  const std::vector<int>& is_outlier);

// (recall, precision) of the outliers, one point per distinct threshold, highest score first.
std::vector<CurvePoint> pr_curve(const std::vector<double>& scores,
                                 const std::vector<int>& is_outlier);

// At most `limit` points, keeping the first and the last.
std::vector<CurvePoint> thin(const std::vector<CurvePoint>& curve, std::size_t limit);

}  // namespace autood
