// The Deep SAD hypothesis (Ruff et al., ICLR 2020, Eq. 4): normal latents are drawn to a centre c
// and labelled outliers pushed away from it, by the inverse of their squared distance.
//   training term: 1/n sum_i [ (1 - y_i) |z_i - c|^2 + eta y_i / (|z_i - c|^2 + eps) ]
//   score term:    |z - c|^2
// y_i is 1 for a labelled outlier (Encoded::label); eps = 1e-6 keeps the inverse finite, as in
// the paper's code. Without labelled outliers this is one-class Deep SVDD. c is placed as the
// centroid hypothesis places it: the mean latent of the untrained encoder over normal samples,
// each coordinate nudged at least 0.1 away from 0, so that the network cannot collapse onto it.
#include <torch/torch.h>

#include "autood/kit/centre.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

constexpr double kEpsilon = 1e-6;

class DeepSad : public autood::sdk::Hypothesis {
 public:
  DeepSad(std::int64_t latent_dim, double eta) : eta_(eta) {
    centre_ = register_buffer("centre", torch::zeros({latent_dim}));
  }

  void initialize(const autood::sdk::Encoded& training) override {
    centre_.copy_(autood::kit::initial_centre(training.z));
  }

  at::Tensor training_term(const autood::sdk::Encoded& batch) override {
    auto d2 = squared_distance(batch.z);
    if (!batch.label.defined()) return d2.mean();
    const auto& y = batch.label;
    return ((1 - y) * d2 + eta_ * y / (d2 + kEpsilon)).mean();
  }

  at::Tensor score_term(const autood::sdk::Encoded& samples) override {
    return squared_distance(samples.z);
  }

 private:
  at::Tensor squared_distance(const at::Tensor& z) const { return (z - centre_).pow(2).sum(1); }

  double eta_;
  at::Tensor centre_;
};

void register_deep_sad(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "deep_sad";
  choice.summary = "Deep SAD: normals near a centre, labelled outliers pushed away from it";
  choice.params = {
      {"eta", 1.0, "weight of the labelled outliers' inverse-distance term", 0.0, 1e3}};
  choice.uses_labels = true;
  choice.create = [](const autood::sdk::HypothesisContext& context) {
    return std::make_shared<DeepSad>(context.latent_dim, context.params.get_double("eta"));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("deep_sad", "1.0.0", register_deep_sad)
