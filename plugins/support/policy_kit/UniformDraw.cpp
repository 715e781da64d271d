#include "UniformDraw.hpp"

namespace autood::controllers {

std::int64_t uniform_option(std::int64_t options, std::mt19937_64& rng) {
  return std::uniform_int_distribution<std::int64_t>(0, options - 1)(rng);
}

sdk::Architecture uniform_architecture(const std::vector<std::int64_t>& counts,
                                       std::mt19937_64& rng) {
  sdk::Architecture architecture;
  for (auto options : counts) architecture.push_back(uniform_option(options, rng));
  return architecture;
}

}  // namespace autood::controllers
