#pragma once
// Only names tensors: a distance plugin includes the torch headers its computation needs.
#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace at {
class Tensor;
}

namespace autood::sdk {

// A reconstruction distance between a batch x and its reconstruction, both of the same shape.
class AUTOOD_SDK_API Distance {
 public:
  virtual ~Distance();

  // One value per sample: [N]. Must be differentiable, since training minimises its mean.
  virtual at::Tensor per_sample(const at::Tensor& reconstruction, const at::Tensor& x) const = 0;

  // One value per pixel, channels folded: [N, H, W] for images, [N, D] for tables.
  virtual at::Tensor per_pixel(const at::Tensor& reconstruction, const at::Tensor& x) const = 0;
};

}  // namespace autood::sdk
