#include "autood/kit/centre.hpp"

#include <torch/torch.h>

namespace autood::kit {

at::Tensor initial_centre(const at::Tensor& latents) {
  constexpr double kMinCoordinate = 0.1;
  auto c = latents.detach().mean(0);
  auto nudged = torch::where(c < 0, torch::full_like(c, -kMinCoordinate),
                             torch::full_like(c, kMinCoordinate));
  return torch::where(c.abs() < kMinCoordinate, nudged, c);
}

}  // namespace autood::kit
