#pragma once
// Every seed a search derives from search.seed, so that a run is reproducible.
#include <cstdint>
#include <string>

namespace autood {

// Vigna's splitmix64 finaliser of x + the golden gamma: nearby inputs give unrelated outputs.
std::uint64_t splitmix64(std::uint64_t x);

// The seed a controller's random stream starts from. By default each controller has its own
// stream, derived from the search seed and its name, so that two controllers compared on one seed
// do not share their draws by accident (reinforce and curious once proposed nearly the same
// children). With common random numbers they share the search seed, for variance reduction.
// splitmix64(search_seed xor FNV-1a-64(name)), or the search seed itself when `common`.
std::uint64_t controller_seed(std::int64_t search_seed, const std::string& name, bool common);

// Trial `index`'s training seed: splitmix64(search_seed + gamma * index). The search loop derives
// it once and carries it with the pending trial; a trial trained again (a final, best/'s scores)
// derives the same one here.
std::uint64_t trial_seed(std::uint64_t search_seed, std::int64_t index);

}  // namespace autood
