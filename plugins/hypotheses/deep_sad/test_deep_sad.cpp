#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"

using namespace autood;

TEST_CASE("deep_sad: centre from normal latents, Ruff et al.'s loss on a hand-made batch") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& choice = loaded->registry.get<sdk::HypothesisChoice>("deep_sad");
  CHECK(choice.uses_labels);
  sdk::HypothesisContext context;
  context.latent_dim = 2;
  context.params = resolve_options(choice.params, {{"eta", {0.5, "test"}}}, "hypothesis.deep_sad");
  auto sad = choice.create(context);

  // Mean latent (2, 0.05): the second coordinate is nudged to 0.1.
  sad->initialize({torch::tensor({{1.0, 0.0}, {3.0, 0.1}}, torch::kFloat), torch::zeros({2})});
  auto centre = sad->named_buffers()["centre"];
  CHECK(centre[0].item<double>() == doctest::Approx(2.0));
  CHECK(centre[1].item<double>() == doctest::Approx(0.1));

  // Squared distances from c = (2, 0.1): 0 and 4 for two normals, 1 and 4 for two outliers.
  sdk::Encoded batch{torch::tensor({{2.0, 0.1}, {4.0, 0.1}, {2.0, 1.1}, {2.0, 2.1}}, torch::kFloat),
                     torch::zeros({4})};
  // Unlabelled, it is Deep SVDD's mean squared distance.
  CHECK(sad->training_term(batch).item<double>() == doctest::Approx(9.0 / 4).epsilon(1e-6));
  batch.label = torch::tensor({0.0, 0.0, 1.0, 1.0}, torch::kFloat);
  // (0 + 4 + 0.5 / (1 + 1e-6) + 0.5 / (4 + 1e-6)) / 4, worked out by hand.
  const double expected = (4.0 + 0.5 / (1 + 1e-6) + 0.5 / (4 + 1e-6)) / 4;
  CHECK(sad->training_term(batch).item<double>() == doctest::Approx(expected).epsilon(1e-6));
  auto score = sad->score_term(batch);
  CHECK(score[1].item<double>() == doctest::Approx(4.0).epsilon(1e-6));
  CHECK(score[2].item<double>() == doctest::Approx(1.0).epsilon(1e-6));

  // The gradient draws a normal latent to c and pushes an outlier away from it.
  auto z = torch::tensor({{3.0, 0.1}, {3.0, 0.1}}, torch::kFloat).requires_grad_(true);
  sdk::Encoded pair{z, torch::zeros({2})};
  pair.label = torch::tensor({0.0, 1.0}, torch::kFloat);
  sad->training_term(pair).backward();
  CHECK(z.grad()[0][0].item<double>() > 0);  // descent moves the normal towards x = 2
  CHECK(z.grad()[1][0].item<double>() < 0);  // and the outlier away from it
}
