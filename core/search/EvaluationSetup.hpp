#pragma once
// What trains children for one config: its data split by the protocol, the search space
// assembled from the loaded plugins for that data, and the evaluator. A search session builds
// one, and so does every worker rank of a distributed search, from the same config and seed.
#include <memory>

#include "autood/sdk/log.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "plugin/Registry.hpp"
#include "search/ChildEvaluator.hpp"
#include "space/SearchSpace.hpp"

namespace autood {

struct EvaluationSetup {
  DataSplits data;
  std::unique_ptr<SearchSpace> space;
  std::unique_ptr<ChildEvaluator> evaluator;  // refers to data and space: the setup never moves
};

// Sets the thread pools to config.train.threads, loads the data and assembles the space.
std::unique_ptr<EvaluationSetup> prepare_evaluation(const Config& config, const Registry& registry,
                                                    sdk::Logger& log);

}  // namespace autood
