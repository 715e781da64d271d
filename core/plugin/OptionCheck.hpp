#pragma once
// Plugin options that are only read when a child draws the plugin, checked as soon as the plugins
// are loaded, so that `hypothesis.cluster.k = 0` fails the run at its start, not after an hour.
#include "config/Config.hpp"
#include "plugin/Registry.hpp"

namespace autood {

// Every [hypothesis.<name>] table names a loaded hypothesis, and its keys, types and ranges are
// those the plugin declares. Throws sdk::InputError with the key's place in the config.
void check_hypothesis_options(const HypothesisConfig& config, const Registry& registry);

}  // namespace autood
