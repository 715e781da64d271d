#pragma once
#include "autood/sdk/choices.hpp"
#include "autood/sdk/module.hpp"

namespace autood::sdk {

// An outlier definition (paper Table I). z is the flattened latent code [N, latent_dim] and
// dist is the per-sample reconstruction distance [N]. A hypothesis may own parameters (cluster
// centres, an estimation network); they are trained with the autoencoder.
class AUTOOD_SDK_API Hypothesis : public torch::nn::Module {
 public:
  ~Hypothesis() override;

  // Called once before training, with latents of the training data (e.g. to place a centre).
  virtual void initialize(const at::Tensor& z, const at::Tensor& dist);

  // The term added to the training loss for one batch: a scalar.
  virtual at::Tensor training_term(const at::Tensor& z, const at::Tensor& dist) = 0;

  // REG(f(x)) of score(x) = DIST + lambda * REG, per sample [N].
  virtual at::Tensor score_term(const at::Tensor& z, const at::Tensor& dist) = 0;

  // Called after every epoch with latents of the training data (e.g. to update a radius).
  virtual void end_epoch(const at::Tensor& z, const at::Tensor& dist);
};

}  // namespace autood::sdk
