#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "autood/sdk/export.hpp"

namespace autood::sdk {

// The shape of one sample, without the batch: {C, H, W} for images, {D} for tabular data.
struct Shape {
  std::vector<std::int64_t> dims;

  // The rank of a batch of such samples, as ops declare it: 4 for images, 2 for tables.
  int batch_rank() const { return static_cast<int>(dims.size()) + 1; }
  std::int64_t channels() const { return dims.empty() ? 0 : dims.front(); }
  std::int64_t numel() const {
    std::int64_t n = 1;
    for (auto d : dims) n *= d;
    return n;
  }
  bool operator==(const Shape& other) const { return dims == other.dims; }
  bool operator!=(const Shape& other) const { return dims != other.dims; }
};

AUTOOD_SDK_API std::string to_string(const Shape& shape);

}  // namespace autood::sdk
