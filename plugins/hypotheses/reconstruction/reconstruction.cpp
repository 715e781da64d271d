// The reconstruction hypothesis (paper Table I): an outlier is what the autoencoder rebuilds
// badly. It adds nothing to the distance, neither in training nor in the score.
#include <torch/torch.h>

#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Reconstruction : public autood::sdk::Hypothesis {
 public:
  at::Tensor training_term(const autood::sdk::Encoded& batch) override {
    return torch::zeros({}, batch.z.options());
  }
  at::Tensor score_term(const autood::sdk::Encoded& samples) override {
    return torch::zeros({samples.z.size(0)}, samples.z.options());
  }
};

void register_reconstruction(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "reconstruction";
  choice.summary = "outliers are reconstructed badly; score = distance";
  choice.create = [](const autood::sdk::HypothesisContext&) {
    return std::make_shared<Reconstruction>();
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("reconstruction", "1.0.0", register_reconstruction)
