#include "search/Seeds.hpp"

namespace autood {
namespace {

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

}  // namespace

std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x + kGoldenGamma;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t trial_seed(std::uint64_t search_seed, std::int64_t index) {
  return splitmix64(search_seed + kGoldenGamma * static_cast<std::uint64_t>(index));
}

std::uint64_t controller_seed(std::int64_t search_seed, const std::string& name, bool common) {
  const auto seed = static_cast<std::uint64_t>(search_seed);
  return common ? seed : splitmix64(seed ^ fnv1a(name));
}

}  // namespace autood
