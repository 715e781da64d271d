#include "Advantages.hpp"

#include <cmath>
#include <numeric>

#include "autood/sdk/errors.hpp"

namespace autood::controllers {
namespace {

// Below this spread the rewards are taken as equal, and nothing is divided by it.
constexpr double kTinySpread = 1e-12;

}  // namespace

RewardScaling parse_reward_scaling(const std::string& text) {
  if (text == "none") return RewardScaling::None;
  if (text == "history") return RewardScaling::History;
  if (text == "batch") return RewardScaling::Batch;
  throw sdk::InputError("controller.reward_scaling is '" + text + "'; valid: none, history, batch");
}

const char* to_string(RewardScaling scaling) {
  switch (scaling) {
    case RewardScaling::None:
      return "none";
    case RewardScaling::History:
      return "history";
    case RewardScaling::Batch:
      return "batch";
  }
  return "none";
}

double AdvantageEstimator::scale() const {
  if (scaling_ == RewardScaling::None || count_ < 2) return 1.0;
  const double spread = std::sqrt(squares_ / (count_ - 1));
  return spread > kTinySpread ? spread : 1.0;
}

std::vector<double> AdvantageEstimator::advantages(const std::vector<double>& rewards) {
  for (const double r : rewards) {  // every reward so far, this batch's included
    count_ += 1;
    const double delta = r - mean_;
    mean_ += delta / count_;
    squares_ += delta * (r - mean_);
  }
  std::vector<double> result;
  if (scaling_ == RewardScaling::Batch) {
    const double n = static_cast<double>(rewards.size());
    const double mean = std::accumulate(rewards.begin(), rewards.end(), 0.0) / n;
    double squares = 0;
    for (double r : rewards) squares += (r - mean) * (r - mean);
    const double spread = rewards.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
    for (double r : rewards) result.push_back(spread > kTinySpread ? (r - mean) / spread : 0.0);
    baseline_.advantages(rewards);  // kept moving for self-imitation's (r - b)+
  } else {
    result = baseline_.advantages(rewards);
    const double s = scale();
    for (auto& a : result) a /= s;
  }
  return result;
}

void AdvantageEstimator::save(StateArchive& archive) const {
  baseline_.save(archive);
  archive.put_double("reward_count", count_);
  archive.put_double("reward_mean", mean_);
  archive.put_double("reward_squares", squares_);
}

void AdvantageEstimator::load(const StateArchive& archive) {
  baseline_.load(archive);
  count_ = archive.get_double("reward_count");
  mean_ = archive.get_double("reward_mean");
  squares_ = archive.get_double("reward_squares");
}

}  // namespace autood::controllers
