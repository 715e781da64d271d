#pragma once
// Uniform draws of options and architectures: random search, and what evolution and TPE propose
// before they know anything. uniform_int_distribution over std::mt19937_64, so a saved generator
// draws the same again.
#include <cstdint>
#include <random>
#include <vector>

#include "autood/sdk/controller.hpp"

namespace autood::controllers {

// A decision's option drawn uniformly: what every controller proposes when it knows nothing yet.
std::int64_t uniform_option(std::int64_t options, std::mt19937_64& rng);
sdk::Architecture uniform_architecture(const std::vector<std::int64_t>& counts,
                                       std::mt19937_64& rng);

}  // namespace autood::controllers
