#pragma once
// REINFORCE's baseline b of Eq. 5: an exponential moving average of the rewards. The first
// batch sets it to its own mean, so that the first update is not pushed by a baseline of zero.
#include <numeric>
#include <string>
#include <vector>

#include "StateArchive.hpp"

namespace autood::controllers {

class EmaBaseline {
 public:
  explicit EmaBaseline(double decay) : decay_(decay) {}

  // The advantages r - b against the baseline before this batch, then the baseline moves.
  std::vector<double> advantages(const std::vector<double>& rewards) {
    const double mean = std::accumulate(rewards.begin(), rewards.end(), 0.0) / static_cast<double>(rewards.size());
    if (!started_) value_ = mean, started_ = true;
    std::vector<double> result;
    for (double r : rewards) result.push_back(r - value_);
    value_ = decay_ * value_ + (1 - decay_) * mean;
    return result;
  }
  double value() const { return value_; }

  void save(StateArchive& archive) const {
    archive.put_double("baseline", value_);
    archive.put_int("baseline_started", started_ ? 1 : 0);
  }
  void load(const StateArchive& archive) {
    value_ = archive.get_double("baseline");
    started_ = archive.get_int("baseline_started") != 0;
  }

 private:
  double decay_;
  double value_ = 0.0;
  bool started_ = false;
};

}  // namespace autood::controllers
