#pragma once
#include "autood/sdk/log.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "plugin/Registry.hpp"

namespace autood {

// Loads the configured source through its dataset plugin and applies `data.protocol`.
// Throws sdk::InputError naming the key, the file or the valid protocols.
DataSplits prepare_data(const DataConfig& config, const Registry& registry, std::uint64_t seed,
                        sdk::Logger& log);

}  // namespace autood
