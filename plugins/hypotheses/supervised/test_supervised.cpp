#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

#include "TestSupport.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"

using namespace autood;

namespace {

std::shared_ptr<sdk::Hypothesis> make_head(std::int64_t hidden, double weight) {
  static auto loaded = test::load({test::builtin_plugins()});
  const auto& choice = loaded->registry.get<sdk::HypothesisChoice>("supervised");
  CHECK(choice.uses_labels);
  sdk::HypothesisContext context;
  context.latent_dim = 2;
  context.params = resolve_options(
      choice.params, {{"hidden", {std::int64_t{hidden}, "test"}}, {"weight", {weight, "test"}}},
      "hypothesis.supervised");
  return choice.create(context);
}

// The head's logit by the formula, in double, from its parameters.
std::vector<double> logits_by_hand(sdk::Hypothesis& head, const at::Tensor& z) {
  auto p = head.named_parameters();
  auto w1 = p["hidden.weight"].to(torch::kDouble), b1 = p["hidden.bias"].to(torch::kDouble);
  auto w2 = p["output.weight"].to(torch::kDouble), b2 = p["output.bias"].to(torch::kDouble);
  std::vector<double> logits;
  for (std::int64_t i = 0; i < z.size(0); ++i) {
    double logit = b2[0].item<double>();
    for (std::int64_t j = 0; j < w1.size(0); ++j) {
      double h = b1[j].item<double>();
      for (std::int64_t k = 0; k < z.size(1); ++k)
        h += w1[j][k].item<double>() * z[i][k].item<double>();
      logit += w2[0][j].item<double>() * std::max(h, 0.0);
    }
    logits.push_back(logit);
  }
  return logits;
}

double softplus(double x) { return std::log1p(std::exp(x)); }

}  // namespace

TEST_CASE("supervised: class-balanced cross-entropy on a hand-made batch, logit as score") {
  torch::manual_seed(3);
  auto head = make_head(3, 2.0);
  sdk::Encoded batch{
      torch::tensor({{0.5, -1.0}, {1.5, 0.2}, {-0.7, 2.0}, {0.1, 0.3}}, torch::kFloat),
      torch::zeros({4})};
  // Before it has seen a labelled outlier, the head adds nothing.
  CHECK(head->training_term(batch).item<double>() == 0.0);
  CHECK(head->score_term(batch).abs().max().item<double>() == 0.0);

  batch.label = torch::tensor({0.0, 0.0, 1.0, 0.0}, torch::kFloat);
  auto l = logits_by_hand(*head, batch.z);
  const double expected =
      0.5 * softplus(-l[2]) + 0.5 * (softplus(l[0]) + softplus(l[1]) + softplus(l[3])) / 3;
  CHECK(head->training_term(batch).item<double>() == doctest::Approx(expected).epsilon(1e-6));
  auto score = head->score_term(batch);
  for (int i = 0; i < 4; ++i)
    CHECK(score[i].item<double>() == doctest::Approx(2.0 * l[i]).epsilon(1e-9));
}

TEST_CASE("supervised: the head learns outliers that no straight line separates from normals") {
  torch::manual_seed(4);
  auto head = make_head(16, 1.0);
  // Normal latents near the origin, labelled outliers at (3, 3) and (-3, -3).
  auto normal = 0.5 * torch::randn({64, 2});
  auto outlier = torch::cat({3 + 0.5 * torch::randn({8, 2}), -3 + 0.5 * torch::randn({8, 2})});
  sdk::Encoded batch{torch::cat({normal, outlier}), torch::zeros({80})};
  batch.label = torch::cat({torch::zeros({64}), torch::ones({16})});
  torch::optim::Adam optimizer(head->parameters(), torch::optim::AdamOptions(0.05));
  for (int step = 0; step < 300; ++step) {
    optimizer.zero_grad();
    head->training_term(batch).backward();
    optimizer.step();
  }
  // Fresh samples of both: every outlier scores above every normal sample.
  sdk::Encoded fresh{torch::cat({0.5 * torch::randn({32, 2}), 3 + 0.5 * torch::randn({4, 2}),
                                 -3 + 0.5 * torch::randn({4, 2})}),
                     torch::zeros({40})};
  auto score = head->score_term(fresh);
  CHECK(score.slice(0, 0, 32).max().item<double>() < score.slice(0, 32).min().item<double>());
}
