// A tiny outlier definition: samples whose latent code is far from the origin are outliers.
#include <torch/torch.h>

#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class LatentNorm : public autood::sdk::Hypothesis {
 public:
  at::Tensor training_term(const autood::sdk::Encoded& batch) override {
    return 1e-3 * batch.z.pow(2).sum(1).mean();
  }
  at::Tensor score_term(const autood::sdk::Encoded& samples) override {
    return samples.z.pow(2).mean(1);
  }
};

void register_latent_norm(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "latent_norm";
  choice.summary = "outliers have large latent codes";
  choice.create = [](const autood::sdk::HypothesisContext&) {
    return std::make_shared<LatentNorm>();
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("latent_norm", "0.1.0", register_latent_norm)
