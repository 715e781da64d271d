#pragma once
// The seed a controller's random stream starts from. By default each controller has its own
// stream, derived from the search seed and its name, so that two controllers compared on one seed
// do not share their draws by accident (reinforce and curious once proposed nearly the same
// children). With common random numbers they share the search seed, for variance reduction.
#include <cstdint>
#include <string>

namespace autood {

// splitmix64(search_seed xor FNV-1a-64(name)), or the search seed itself when `common`.
std::uint64_t controller_seed(std::int64_t search_seed, const std::string& name, bool common);

}  // namespace autood
