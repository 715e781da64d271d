#include <doctest/doctest.h>

#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"

using namespace autood;

TEST_CASE("cluster: k-means centres, then DEC's Q, sharpened P and KL on a 3x2 example") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& choice = loaded->registry.hypothesis("cluster");
  sdk::HypothesisContext context;
  context.latent_dim = 2;
  context.params = resolve_options(choice.params, {{"k", {std::int64_t{2}, "test"}}}, "hypothesis.cluster");
  auto dec = choice.create(context);

  // Two tight groups: k-means must put the centres at (0, 0) and (4, 0), in either order.
  torch::manual_seed(3);
  dec->initialize(torch::tensor({{0.0, 0.0}, {0.0, 0.0}, {4.0, 0.0}, {4.0, 0.0}}), torch::zeros({4}));
  auto centres = dec->named_parameters()["centres"];
  auto xs = std::get<0>(centres.select(1, 0).sort());
  CHECK(xs[0].item<double>() == doctest::Approx(0.0));
  CHECK(xs[1].item<double>() == doctest::Approx(4.0));

  // z = (0,0), (1,0), (4,0). By hand, q_11 = 1 / (1 + 1/17) = 17/18 for the first sample.
  // P and the KL below were worked out with numpy from the formulas in cluster.cpp:
  //   Q = [[17/18, 1/18], [5/6, 1/6], [1/18, 17/18]]
  //   P = [[0.99459194, 0.00540806], [0.94086022, 0.05913978], [0.00219711, 0.99780289]]
  auto z = torch::tensor({{0.0, 0.0}, {1.0, 0.0}, {4.0, 0.0}});
  CHECK(dec->training_term(z, torch::zeros({3})).item<double>() == doctest::Approx(0.0465027081).epsilon(1e-5));
  auto score = dec->score_term(z, torch::zeros({3}));
  CHECK(score[0].item<double>() == doctest::Approx(-std::log(17.0 / 18.0)).epsilon(1e-5));
  CHECK(score[1].item<double>() == doctest::Approx(-std::log(5.0 / 6.0)).epsilon(1e-5));

  // The KL term trains the centres.
  dec->training_term(z, torch::zeros({3})).backward();
  CHECK(centres.grad().abs().sum().item<double>() > 0);
}
