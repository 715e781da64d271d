#pragma once
// A child run over data without gradients, in fixed-size batches: the scores and anomaly maps the
// search, a saved model and `autood score` all compute, and the latent pass training hands to the
// hypothesis.
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <vector>

#include "autood/sdk/hypothesis.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"

namespace autood {

// What the hypothesis sees of one batch: latents, distances and reconstruction features.
sdk::Encoded encode_batch(Child& child, const at::Tensor& x, const ChildModel::Output& output);

// The same over all of `samples`, without gradients, in the batches that scoring uses.
sdk::Encoded latent_pass(Child& child, const at::Tensor& samples, c10::Device device);

// score(x) = DIST(g(f(x)), x) + lambda * REG(f(x)), one double per sample, on the CPU.
at::Tensor score_samples(Child& child, const at::Tensor& samples, double lambda,
                         c10::Device device);

// The distance's per-pixel anomaly map of each sample, [N, H, W] doubles on the CPU.
at::Tensor score_maps(Child& child, const at::Tensor& samples, c10::Device device);

// A tensor of scores (any device, any floating type) as doubles, in order.
std::vector<double> to_doubles(const at::Tensor& scores);

// Whether every score (or map pixel) is a number: a child whose are not has diverged.
bool all_finite(const at::Tensor& scores);

}  // namespace autood
