#include "search/ControllerSeed.hpp"

namespace autood {
namespace {

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

// Vigna's splitmix64 finaliser: nearby inputs give unrelated outputs.
std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::uint64_t controller_seed(std::int64_t search_seed, const std::string& name, bool common) {
  const auto seed = static_cast<std::uint64_t>(search_seed);
  return common ? seed : splitmix64(seed ^ fnv1a(name));
}

}  // namespace autood
