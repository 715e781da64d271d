#pragma once
// The `size` option that image loaders share: [height, width].
#include <string>
#include <utility>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/value.hpp"

namespace autood::datasets {

inline std::pair<std::int64_t, std::int64_t> image_size(const sdk::Params& params, const std::string& section) {
  const auto& size = params.get_ints("size");
  if (size.size() != 2 || size[0] < 1 || size[1] < 1)
    throw sdk::InputError(section + ".size must be [height, width] with both positive");
  return {size[0], size[1]};
}

}  // namespace autood::datasets
