#pragma once
// Pooling ops share the search space's shape rule; this builds their choice from the pooling
// function alone.
//   - A kernel k > 1 halves every axis after the channels (the length of a series, the height and
//     width of an image): stride 2, padding k/2.
//   - A kernel of 1 is the identity.
//   - The decoder unpools by nearest-neighbour resizing to the exact size the encoder recorded.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"

namespace autood::kit {

// pool(x, k) must apply kernel k with stride 2 and padding k/2 to a batch of the given ranks:
// [N, C, H, W] for images (the default), [N, C, L] for series.
using PoolFunction = std::function<at::Tensor(const at::Tensor& x, std::int64_t kernel)>;

sdk::LayerOpChoice pooling_choice(std::string name, std::string summary, PoolFunction pool,
                                  std::vector<int> ranks = {4});

// The spatial size after pooling `size` with kernel k by the rule above.
std::int64_t pooled_size(std::int64_t size, std::int64_t kernel);

}  // namespace autood::kit
