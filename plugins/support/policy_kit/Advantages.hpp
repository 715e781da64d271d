#pragma once
// The weights REINFORCE puts on each architecture's log-probability. The paper's (Eq. 5) is the
// reward minus a moving-average baseline, r - b; its scale is the reward's, which is tiny for
// AUROCs that differ in the second decimal, so a learning rate made for it learns nothing at a
// few hundred evaluations. Scaling divides by a spread of the rewards, so that one learning rate
// fits every reward scale:
//  - none:    r - b                                 (the paper)
//  - history: (r - b) / std of every reward so far  (keeps whether a batch beat the past)
//  - batch:   (r - mean of batch) / std of batch    (only the order within the batch counts)
#include <string>
#include <vector>

#include "Baseline.hpp"

namespace autood::controllers {

enum class RewardScaling { None, History, Batch };

// "none", "history" or "batch"; anything else is an InputError naming controller.reward_scaling.
RewardScaling parse_reward_scaling(const std::string& text);
const char* to_string(RewardScaling scaling);

class AdvantageEstimator {
 public:
  AdvantageEstimator(double baseline_decay, RewardScaling scaling)
      : baseline_(baseline_decay), scaling_(scaling) {}

  // The advantages of one batch; the baseline and the reward statistics then take it in.
  std::vector<double> advantages(const std::vector<double>& rewards);
  double baseline() const { return baseline_.value(); }
  // The standard deviation of every reward so far (1 under `none`, or while the rewards are all
  // equal). Self-imitation divides its (r - b)+ by it, so that its steps match the main ones.
  double scale() const;

  void save(StateArchive& archive) const;
  void load(const StateArchive& archive);

 private:
  EmaBaseline baseline_;
  RewardScaling scaling_;
  // Welford's running mean and sum of squared deviations of every reward seen.
  double count_ = 0, mean_ = 0, squares_ = 0;
};

}  // namespace autood::controllers
