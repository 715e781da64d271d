#pragma once
// An ensemble's score: each member's score standardised by the mean and standard deviation of
// its scores on the validation inliers, then averaged, so that members on different scales (an
// L2 distance beside a DAGMM energy) weigh the same.
#include <vector>

namespace autood {

struct ScoreScale {
  double mean = 0.0;
  double std = 1.0;  // never 0: a constant member is only shifted
};

// The scale of one member: its validation scores where is_outlier is 0.
ScoreScale scale_on_inliers(const std::vector<double>& scores, const std::vector<int>& is_outlier);

// mean over members m of (scores[m][i] - scale[m].mean) / scale[m].std, for each sample i.
std::vector<double> combine_scores(const std::vector<std::vector<double>>& member_scores,
                                   const std::vector<ScoreScale>& scales);

}  // namespace autood
