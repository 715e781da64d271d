#include "SearchSupport.hpp"

#include "autood/sdk/controller.hpp"
#include "data/Protocols.hpp"
#include "log/Logging.hpp"
#include "search/ChildEvaluator.hpp"
#include "search/RunDirectory.hpp"
#include "space/SearchSpace.hpp"

namespace autood::test {

Run run_search(const Registry& registry, const Config& config, const std::filesystem::path& dir) {
  auto data = prepare_data(config.data, registry, static_cast<std::uint64_t>(config.search.seed), host_logger());
  auto space = SearchSpace::assemble(registry, data.shape, static_cast<int>(config.search.layers), config.space);
  sdk::ControllerContext context;
  context.option_counts = space.option_counts();
  context.seed = static_cast<std::uint64_t>(config.search.seed);
  auto controller = registry.controller("random").create(context);
  ChildEvaluator evaluator(registry, space, data, config.train, config.score, host_logger(), config.hypothesis);
  SearchLoop loop(*controller, evaluator, config.search);
  RunDirectory run(dir, config, space, registry);
  loop.add_observer(run);
  auto result = loop.run();
  run.write_summary(result, data.description, 0.0);
  return {std::move(result), std::move(data)};
}

}  // namespace autood::test
