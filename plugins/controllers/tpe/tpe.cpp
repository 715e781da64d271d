// The tree-structured Parzen estimator (Bergstra et al. 2011) over categorical decisions, as
// Optuna's default sampler runs it: each decision is modelled on its own.
//   - The first `startup` children are drawn uniformly.
//   - Then the observations are split by reward: the best n_below = min(ceil(gamma n), 25) are
//     "good", the rest "bad".
//   - For each decision, l(c) and g(c) are the weighted shares of option c among the good and the
//     bad observations, smoothed by a uniform prior (policy_kit/CategoricalParzen.hpp).
//   - `candidates` options are drawn from l, and the one with the largest l(c) / g(c) is taken.
// Children proposed in one batch are counted as bad observations for the rest of the batch
// (Optuna's constant liar), or a batch would hold the same child several times.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "CategoricalParzen.hpp"
#include "HistoryController.hpp"
#include "UniformDraw.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::controllers::option_shares;
using autood::controllers::uniform_architecture;
using autood::sdk::Architecture;

constexpr std::size_t kMaxBelow = 25;  // Optuna's default gamma caps the good group at 25

struct TpeSettings {
  std::size_t startup = 10;
  std::size_t candidates = 24;
  double gamma = 0.1;
  double prior_weight = 1.0;
};

class TpeController : public autood::controllers::HistoryController {
 public:
  TpeController(std::vector<std::int64_t> counts, std::uint64_t seed, TpeSettings settings)
      : HistoryController(std::move(counts), seed, "tpe controller"), settings_(settings) {}

  std::vector<Architecture> propose(std::size_t count) override {
    std::vector<Architecture> batch;
    batch.reserve(count);  // `groups.bad` points into it
    if (log_.size() < settings_.startup) {
      for (std::size_t i = 0; i < count; ++i) batch.push_back(uniform_architecture(counts_, rng_));
      return batch;
    }
    auto groups = split_by_reward();
    for (std::size_t i = 0; i < count; ++i) {
      batch.push_back(from_model(groups));
      groups.bad.push_back(&batch.back());  // the constant liar
    }
    return batch;
  }

 private:
  struct Groups {
    std::vector<const Architecture*> good, bad;  // each oldest first
  };

  // The best n_below observations are good, the rest bad.
  Groups split_by_reward() const {
    std::vector<std::size_t> by_reward(log_.size());
    std::iota(by_reward.begin(), by_reward.end(), 0);
    std::stable_sort(by_reward.begin(), by_reward.end(),
                     [&](auto a, auto b) { return log_.reward(a) > log_.reward(b); });
    const auto n_below = std::min<std::size_t>(
        kMaxBelow,
        static_cast<std::size_t>(std::ceil(settings_.gamma * static_cast<double>(log_.size()))));
    std::vector<bool> good(log_.size(), false);
    for (std::size_t i = 0; i < n_below; ++i) good[by_reward[i]] = true;
    Groups groups;
    for (std::size_t i = 0; i < log_.size(); ++i)
      (good[i] ? groups.good : groups.bad).push_back(&log_.architecture(i));
    return groups;
  }

  // One child: per decision, the best l / g of `candidates` draws from l.
  Architecture from_model(const Groups& groups) {
    Architecture child;
    for (std::size_t t = 0; t < counts_.size(); ++t) {
      auto l = option_shares(groups.good, t, counts_[t], settings_.prior_weight);
      auto g = option_shares(groups.bad, t, counts_[t], settings_.prior_weight);
      std::discrete_distribution<std::int64_t> draw(l.begin(), l.end());
      std::int64_t best = 0;
      double best_ratio = -std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < settings_.candidates; ++k) {
        auto c = draw(rng_);
        double ratio = std::log(l[c]) - std::log(g[c]);
        if (ratio > best_ratio) best = c, best_ratio = ratio;
      }
      child.push_back(best);
    }
    return child;
  }

  TpeSettings settings_;
};

void register_tpe(autood::sdk::Registrar& registrar) {
  autood::sdk::ControllerChoice choice;
  choice.name = "tpe";
  choice.summary = "tree-structured Parzen estimator over each decision (Optuna's default)";
  choice.params = {
      {"startup", std::int64_t{10}, "children drawn uniformly before the model is used", 0, 1e6},
      {"candidates", std::int64_t{24}, "options drawn from l per decision, the best l/g kept", 1,
       10000},
      {"gamma", 0.1, "share of observations counted as good (at most 25)", 1e-6, 1},
      {"prior_weight", 1.0, "weight of the uniform prior in l and g", 0, 1e6}};
  choice.create = [](const autood::sdk::ControllerContext& context) {
    const auto& p = context.params;
    TpeSettings settings;
    if (p.get_int("startup") < 0)
      throw autood::sdk::InputError("controller.startup must not be negative");
    if (p.get_int("candidates") < 1)
      throw autood::sdk::InputError("controller.candidates must be at least 1");
    if (!(p.get_double("gamma") > 0 && p.get_double("gamma") <= 1))
      throw autood::sdk::InputError("controller.gamma must be in (0, 1]");
    if (!(p.get_double("prior_weight") > 0))
      throw autood::sdk::InputError("controller.prior_weight must be positive");
    settings.startup = static_cast<std::size_t>(p.get_int("startup"));
    settings.candidates = static_cast<std::size_t>(p.get_int("candidates"));
    settings.gamma = p.get_double("gamma");
    settings.prior_weight = p.get_double("prior_weight");
    return std::make_shared<TpeController>(context.option_counts, context.seed, settings);
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("tpe", "1.0.0", register_tpe)
