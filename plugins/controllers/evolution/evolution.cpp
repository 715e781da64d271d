// Regularized (aging) evolution, Real et al. 2019 (Algorithm 1). The population is the last
// `population` architectures observed; until it is full, children are drawn uniformly. Then each
// child comes from a tournament: `sample` members drawn uniformly with replacement, the best of
// them the parent, and the child the parent with one decision changed to another of its options.
// The oldest member leaves the population as each new one enters, whatever its reward: aging is
// what keeps one lucky early reward from ruling the search.
#include <algorithm>

#include "HistoryController.hpp"
#include "UniformDraw.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::controllers::uniform_architecture;
using autood::controllers::uniform_option;
using autood::sdk::Architecture;

class EvolutionController : public autood::controllers::HistoryController {
 public:
  EvolutionController(std::vector<std::int64_t> counts, std::uint64_t seed, std::size_t population,
                      std::size_t sample)
      : HistoryController(std::move(counts), seed, "evolution controller"),
        population_(population),
        sample_(sample) {
    for (std::size_t t = 0; t < counts_.size(); ++t)
      if (counts_[t] > 1) mutable_decisions_.push_back(t);
  }

  std::vector<Architecture> propose(std::size_t count) override {
    std::vector<Architecture> batch;
    for (std::size_t i = 0; i < count; ++i)
      batch.push_back(log_.size() < population_ ? uniform_architecture(counts_, rng_)
                                                : mutate(log_.architecture(tournament())));
    return batch;
  }

 private:
  // The index in the log of the best of `sample_` members of the living population; ties go to
  // the first drawn.
  std::size_t tournament() {
    const std::size_t first_alive = log_.size() - population_;
    std::size_t best = 0;
    for (std::size_t i = 0; i < sample_; ++i) {
      auto member = first_alive + static_cast<std::size_t>(
                                      uniform_option(static_cast<std::int64_t>(population_), rng_));
      if (i == 0 || log_.reward(member) > log_.reward(best)) best = member;
    }
    return best;
  }

  // One decision, among those with more than one option, moved to another of its options.
  Architecture mutate(Architecture child) {
    if (mutable_decisions_.empty()) return child;
    auto t = mutable_decisions_[static_cast<std::size_t>(
        uniform_option(static_cast<std::int64_t>(mutable_decisions_.size()), rng_))];
    auto other = uniform_option(counts_[t] - 1, rng_);  // one of the options but the current
    child[t] = other >= child[t] ? other + 1 : other;
    return child;
  }

  std::size_t population_;
  std::size_t sample_;
  std::vector<std::size_t> mutable_decisions_;  // those with more than one option
};

void register_evolution(autood::sdk::Registrar& registrar) {
  autood::sdk::ControllerChoice choice;
  choice.name = "evolution";
  choice.summary = "regularized (aging) evolution: tournaments, one mutation, the oldest removed";
  choice.params = {
      {"population", std::int64_t{20}, "architectures alive at once (the first ones are random)", 1,
       100000},
      {"sample", std::int64_t{5}, "tournament size: members compared to pick a parent", 1, 100000}};
  choice.create = [](const autood::sdk::ControllerContext& context) {
    const auto population = context.params.get_int("population");
    const auto sample = context.params.get_int("sample");
    if (population < 1) throw autood::sdk::InputError("controller.population must be at least 1");
    if (sample < 1 || sample > population)
      throw autood::sdk::InputError(
          "controller.sample must be between 1 and controller.population");
    return std::make_shared<EvolutionController>(context.option_counts, context.seed,
                                                 static_cast<std::size_t>(population),
                                                 static_cast<std::size_t>(sample));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("evolution", "1.0.0", register_evolution)
