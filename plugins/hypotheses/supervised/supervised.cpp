// A supervised head on the latent code: a small network z -> ReLU(W1 z + b1) -> w2 . h + b2, a
// logit, trained by binary cross-entropy to tell the labelled outliers (Encoded::label) from the
// normal samples, each class weighted equally within a batch (labelled outliers are few).
//   training term: 1/2 mean_{y=1} softplus(-logit) + 1/2 mean_{y=0} softplus(logit)
//   score term:    weight * logit, so score = DIST + lambda * weight * logit
// The head ranks the anomaly types it was shown; the reconstruction distance still ranks those it
// was not. Until it has seen a labelled outlier its score term is 0 (a head that never saw one
// has learnt nothing), so without labels the child is a plain autoencoder.
#include <torch/torch.h>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Supervised : public autood::sdk::Hypothesis {
 public:
  Supervised(std::int64_t latent_dim, std::int64_t hidden, double weight) : weight_(weight) {
    hidden_ = register_module("hidden", torch::nn::Linear(latent_dim, hidden));
    output_ = register_module("output", torch::nn::Linear(hidden, 1));
    labelled_ = register_buffer("labelled", torch::zeros({}));
  }

  at::Tensor training_term(const autood::sdk::Encoded& batch) override {
    if (!batch.label.defined()) return torch::zeros({}, batch.z.options());
    auto l = logit(batch.z);
    auto positive = batch.label.gt(0.5);
    auto term = torch::zeros({}, l.options());
    const auto outliers = positive.sum().item<std::int64_t>();
    if (outliers > 0) {
      labelled_.fill_(1);
      term = term + 0.5 * torch::softplus(-l.masked_select(positive)).mean();
    }
    if (outliers < l.size(0))
      term = term + 0.5 * torch::softplus(l.masked_select(~positive)).mean();
    return term;
  }

  // In double and sample by sample (one matrix-vector product per row, as kit::linear_block
  // does), so that a sample's score never depends on its position in the batch.
  at::Tensor score_term(const autood::sdk::Encoded& samples) override {
    auto z = samples.z.to(torch::kDouble);
    if (labelled_.item<double>() == 0) return torch::zeros({z.size(0)}, z.options());
    const auto w1 = hidden_->weight.to(torch::kDouble), b1 = hidden_->bias.to(torch::kDouble);
    const auto w2 = output_->weight[0].to(torch::kDouble), b2 = output_->bias.to(torch::kDouble);
    std::vector<at::Tensor> logits;
    for (const auto& row : z.unbind(0))
      logits.push_back(torch::dot(w2, torch::relu(torch::mv(w1, row) + b1)) + b2[0]);
    return weight_ * torch::stack(logits);
  }

 private:
  at::Tensor logit(const at::Tensor& z) {
    return output_->forward(torch::relu(hidden_->forward(z))).squeeze(1);
  }

  double weight_;
  torch::nn::Linear hidden_{nullptr}, output_{nullptr};
  at::Tensor labelled_;  // 1 once a labelled outlier was seen; saved with the weights
};

void register_supervised(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "supervised";
  choice.summary = "a classifier head on the latent code, trained on the labelled outliers";
  choice.params = {{"hidden", std::int64_t{32}, "width of the head's hidden layer", 1, 4096},
                   {"weight", 1.0, "the logit's weight in the score term", 0.0, 1e6}};
  choice.uses_labels = true;
  choice.create = [](const autood::sdk::HypothesisContext& context) {
    return std::make_shared<Supervised>(context.latent_dim, context.params.get_int("hidden"),
                                        context.params.get_double("weight"));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("supervised", "1.0.0", register_supervised)
