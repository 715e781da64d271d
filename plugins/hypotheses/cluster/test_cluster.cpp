#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"

using namespace autood;

namespace {

std::shared_ptr<sdk::Hypothesis> make_dec(const Registry& registry, std::int64_t warmup_epochs) {
  const auto& choice = registry.get<sdk::HypothesisChoice>("cluster");
  sdk::HypothesisContext context;
  context.latent_dim = 2;
  context.params = resolve_options(
      choice.params, {{"k", {std::int64_t{2}, "test"}}, {"warmup_epochs", {warmup_epochs, "test"}}},
      "hypothesis.cluster");
  return choice.create(context);
}

}  // namespace

TEST_CASE(
    "cluster: k-means after the warm-up, then DEC's Q, P over the whole training set and KL "
    "on a 3x2 example") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dec = make_dec(loaded->registry, 1);
  // Two tight groups: k-means must put the centres at (0, 0) and (4, 0), in either order.
  sdk::Encoded training{torch::tensor({{0.0, 0.0}, {0.0, 0.0}, {4.0, 0.0}, {4.0, 0.0}}),
                        torch::zeros({4})};
  sdk::Encoded z{torch::tensor({{0.0, 0.0}, {1.0, 0.0}, {4.0, 0.0}}), torch::zeros({3})};

  // During the warm-up the centres are not placed and the term is 0: reconstruction alone.
  torch::manual_seed(3);
  dec->initialize(training);
  CHECK(dec->training_term(z).item<double>() == 0.0);
  auto centres = dec->named_parameters()["centres"];
  CHECK(centres.abs().sum().item<double>() == 0.0);

  dec->end_epoch(training);
  auto xs = std::get<0>(centres.select(1, 0).sort());
  CHECK(xs[0].item<double>() == doctest::Approx(0.0));
  CHECK(xs[1].item<double>() == doctest::Approx(4.0));
  // f_j over the training sample: each group's q is (17/18, 1/18), so f = (2, 2).
  auto f = dec->named_buffers()["frequencies"];
  CHECK(f[0].item<double>() == doctest::Approx(2.0).epsilon(1e-5));
  CHECK(f[1].item<double>() == doctest::Approx(2.0).epsilon(1e-5));

  // The batch z = (0,0), (1,0), (4,0). By hand, q_11 = 1 / (1 + 1/17) = 17/18 for the first
  // sample. P and the KL were worked out with numpy from the formulas in cluster.cpp:
  //   Q = [[17/18, 1/18], [5/6, 1/6], [1/18, 17/18]]
  //   P with the whole set's f = (2, 2): [[0.99655172, 0.00344828], [0.96153846, 0.03846154],
  //   [0.00344828, 0.99655172]], KL 0.0563561137. With the batch's own f (the old, per-batch
  //   P) it would be 0.0465027081.
  CHECK(dec->training_term(z).item<double>() == doctest::Approx(0.0563561137).epsilon(1e-5));
  auto score = dec->score_term(z);
  CHECK(score[0].item<double>() == doctest::Approx(-std::log(17.0 / 18.0)).epsilon(1e-5));
  CHECK(score[1].item<double>() == doctest::Approx(-std::log(5.0 / 6.0)).epsilon(1e-5));

  // The KL term trains the centres.
  dec->training_term(z).backward();
  CHECK(centres.grad().abs().sum().item<double>() > 0);
}

TEST_CASE("cluster: warmup_epochs = 0 places the centres on the initial latents") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dec = make_dec(loaded->registry, 0);
  torch::manual_seed(3);
  dec->initialize(
      {torch::tensor({{0.0, 0.0}, {0.0, 0.0}, {4.0, 0.0}, {4.0, 0.0}}), torch::zeros({4})});
  auto xs = std::get<0>(dec->named_parameters()["centres"].select(1, 0).sort());
  CHECK(xs[0].item<double>() == doctest::Approx(0.0));
  CHECK(xs[1].item<double>() == doctest::Approx(4.0));
  CHECK(dec->training_term({torch::tensor({{1.0, 0.0}}), torch::zeros({1})}).item<double>() > 0);
}
