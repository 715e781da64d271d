#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"

using namespace autood;

TEST_CASE("centroid: centre from the initial latents, radius by quantile, terms by the formula") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& choice = loaded->registry.get<sdk::HypothesisChoice>("centroid");
  sdk::HypothesisContext context;
  context.latent_dim = 2;
  context.params = resolve_options(choice.params, {{"nu", {0.25, "test"}}}, "hypothesis.centroid");
  auto svdd = choice.create(context);

  // Mean latent (1, 0.02): the second coordinate is nudged to 0.1, away from zero.
  auto z = torch::tensor({{0.0, 0.0}, {2.0, 0.04}, {1.0, 0.02}, {1.0, 0.02}}, torch::kFloat);
  svdd->initialize({z, torch::zeros({4})});
  CHECK(svdd->named_buffers()["centre"][0].item<double>() == doctest::Approx(1.0));
  CHECK(svdd->named_buffers()["centre"][1].item<double>() == doctest::Approx(0.1));

  // Four latents at distances 0, 1, 2, 3 from c = (1, 0.1).
  sdk::Encoded at_distances{
      torch::tensor({{1.0, 0.1}, {2.0, 0.1}, {1.0, 2.1}, {4.0, 0.1}}, torch::kFloat),
      torch::zeros({4})};
  svdd->end_epoch(at_distances);
  // The 0.75-quantile of {0, 1, 2, 3} with linear interpolation: 2.25.
  double r = 2.25;
  CHECK(svdd->named_buffers()["radius"].item<double>() == doctest::Approx(r));

  // Training term: R^2 + 1/(nu n) sum max(0, d^2 - R^2); only d = 3 exceeds R.
  double expected = r * r + (9.0 - r * r) / (0.25 * 4);
  CHECK(svdd->training_term(at_distances).item<double>() ==
        doctest::Approx(expected).epsilon(1e-5));
  auto score = svdd->score_term(at_distances);
  CHECK(score[0].item<double>() == doctest::Approx(-r * r).epsilon(1e-5));
  CHECK(score[3].item<double>() == doctest::Approx(9.0 - r * r).epsilon(1e-5));
}
