#pragma once
#include <vector>

namespace autood {

// Threshold-free detection metrics. `scores` are anomaly scores (higher means more anomalous)
// and `is_outlier` holds 1 for an outlier and 0 for an in-distribution sample.
// Both follow scikit-learn: ties share one threshold, and average precision is the step sum
// AP = sum_k (R_k - R_{k-1}) P_k, without interpolation.
double auroc(const std::vector<double>& scores, const std::vector<int>& is_outlier);
double average_precision(const std::vector<double>& scores, const std::vector<int>& positive);

// True when no value is NaN or infinite.
bool all_finite(const std::vector<double>& values);

struct DetectionMetrics {
  double auroc = 0.0;
  double aupr_in = 0.0;   // in-distribution samples as positives, ranked by -score
  double aupr_out = 0.0;  // outliers as positives, ranked by score
};

// Throws sdk::InputError if either class is missing, or a score is not finite.
DetectionMetrics detection_metrics(const std::vector<double>& scores,
                                   const std::vector<int>& is_outlier);

// The test set's metrics, which are reported and never decide anything: NaN throughout when a
// score is not finite, so that such a child keeps its validation reward, and when the test set
// lacks outliers or normal samples (a label-free search may have no labelled outlier to test on).
DetectionMetrics test_metrics(const std::vector<double>& scores,
                              const std::vector<int>& is_outlier);

}  // namespace autood
