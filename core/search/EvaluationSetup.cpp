#include "search/EvaluationSetup.hpp"

#include <fmt/format.h>

#include "compute/Device.hpp"
#include "data/Protocols.hpp"
#include "plugin/OptionCheck.hpp"

namespace autood {

std::unique_ptr<EvaluationSetup> prepare_evaluation(const Config& config, const Registry& registry,
                                                    sdk::Logger& log) {
  // Here, so that every host gets it: a search, an MPI worker, Python's Evaluator.
  check_hypothesis_options(config.hypothesis, registry);
  configure_threads(config.train.threads);
  auto setup = std::make_unique<EvaluationSetup>();
  setup->data =
      prepare_data(config.data, registry, static_cast<std::uint64_t>(config.search.seed), log);
  log.info(setup->data.description);
  setup->space = std::make_unique<SearchSpace>(
      SearchSpace::assemble(registry, setup->data.shape, static_cast<int>(config.search.layers),
                            config.space, setup->data.train_labels.defined()));
  log.info(fmt::format("search space: {} free decisions, {} points",
                       setup->space->option_counts().size(), setup->space->size().scientific()));
  setup->evaluator = std::make_unique<ChildEvaluator>(
      registry, *setup->space, setup->data, config.train, config.score, log, config.hypothesis);
  setup->evaluator->enable_pruning(config.prune);  // search children only; finals train in full
  return setup;
}

}  // namespace autood
