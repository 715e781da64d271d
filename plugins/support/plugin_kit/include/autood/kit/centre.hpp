#pragma once
// Where the centre of a hypersphere hypothesis (Deep SVDD, Deep SAD) starts.
#include <ATen/core/Tensor.h>

namespace autood::kit {

// The mean of latents [N, D], each coordinate nudged to at least 0.1 away from 0 (keeping its
// sign, 0 going up): a centre coordinate at 0 lets the network map everything onto it by zeroing
// its weights (Ruff et al. 2018).
at::Tensor initial_centre(const at::Tensor& latents);

}  // namespace autood::kit
