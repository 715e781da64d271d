// What a hypothesis sees of the autoencoder's output, and its defaults for the optional hooks.
#include <torch/torch.h>

#include "autood/sdk/hypothesis.hpp"

namespace autood::sdk {

void Hypothesis::initialize(const Encoded&) {}
void Hypothesis::end_epoch(const Encoded&) {}

Encoded encode(const at::Tensor& z, const at::Tensor& dist, const at::Tensor& input,
               const at::Tensor& reconstruction) {
  constexpr double kTinyNorm = 1e-12;
  auto x = input.reshape({input.size(0), -1}).to(reconstruction.dtype());
  auto x_hat = reconstruction.reshape({reconstruction.size(0), -1});
  auto x_norm = x.norm(2, 1).clamp_min(kTinyNorm);
  auto relative_error = (x - x_hat).norm(2, 1) / x_norm;
  auto cosine = (x * x_hat).sum(1) / (x_norm * x_hat.norm(2, 1).clamp_min(kTinyNorm));
  return {z, dist, relative_error, cosine};
}

}  // namespace autood::sdk
