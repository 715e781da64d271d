// The centroid hypothesis: soft-boundary Deep SVDD (Ruff et al. 2018). Normal latents lie in a
// hypersphere of centre c and radius R; outliers lie outside it.
//   training term: R^2 + 1/(nu n) sum_i max(0, |z_i - c|^2 - R^2)
//   score term:    |z - c|^2 - R^2
// c is the mean latent of the untrained encoder, nudged away from 0 per coordinate (a zero
// coordinate lets the network collapse onto it); R is not learnt by gradient but set after each
// epoch to the (1 - nu)-quantile of the training distances, as in the paper's code.
#include <torch/torch.h>

#include "autood/kit/centre.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Centroid : public autood::sdk::Hypothesis {
 public:
  Centroid(std::int64_t latent_dim, double nu) : nu_(nu) {
    centre_ = register_buffer("centre", torch::zeros({latent_dim}));
    radius_ = register_buffer("radius", torch::zeros({}));
  }

  void initialize(const autood::sdk::Encoded& training) override {
    centre_.copy_(autood::kit::initial_centre(training.z));
  }

  at::Tensor training_term(const autood::sdk::Encoded& batch) override {
    auto r2 = radius_ * radius_;
    return r2 + torch::relu(squared_distance(batch.z) - r2).mean() / nu_;
  }

  at::Tensor score_term(const autood::sdk::Encoded& samples) override {
    return squared_distance(samples.z) - radius_ * radius_;
  }

  void end_epoch(const autood::sdk::Encoded& training) override {
    auto distances = squared_distance(training.z.detach()).sqrt().to(torch::kDouble);
    radius_.copy_(torch::quantile(distances, 1.0 - nu_));
  }

 private:
  at::Tensor squared_distance(const at::Tensor& z) const { return (z - centre_).pow(2).sum(1); }

  double nu_;
  at::Tensor centre_;
  at::Tensor radius_;
};

void register_centroid(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "centroid";
  choice.summary = "soft-boundary Deep SVDD: outliers lie outside a hypersphere";
  choice.params = {
      {"nu", 0.1, "share of training samples allowed outside the sphere, in (0, 1]", 1e-6, 1}};
  choice.create = [](const autood::sdk::HypothesisContext& context) {
    double nu = context.params.get_double("nu");
    if (!(nu > 0 && nu <= 1))
      throw autood::sdk::InputError("hypothesis.centroid.nu must be in (0, 1]");
    return std::make_shared<Centroid>(context.latent_dim, nu);
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("centroid", "1.0.0", register_centroid)
