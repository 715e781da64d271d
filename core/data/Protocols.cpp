#include "data/Protocols.hpp"
#include <algorithm>

#include "autood/sdk/errors.hpp"
#include "data/OneClassProtocol.hpp"

namespace autood {

DataSplits prepare_data(const DataConfig& config, const Registry& registry, std::uint64_t seed,
                        sdk::Logger& log) {
  const std::vector<std::string> protocols{"one_class"};
  if (std::find(protocols.begin(), protocols.end(), config.protocol) == protocols.end())
    throw sdk::InputError("unknown data.protocol '" + config.protocol + "'; valid: one_class");
  const auto& choice = registry.dataset(config.source.loader);
  auto params = resolve_options(choice.params, config.source.options, config.source.section);
  auto loader = choice.create();
  sdk::Dataset data = loader->load(params, log);
  if (!data.samples.defined() || data.samples.dim() < 2 || data.samples.size(0) == 0)
    throw sdk::InputError("dataset loader '" + config.source.loader + "' returned no samples");
  return one_class_splits(data, config, seed);
}

}  // namespace autood
