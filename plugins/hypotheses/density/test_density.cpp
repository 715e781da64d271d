#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

#include "TestSupport.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"

using namespace autood;

namespace {

std::shared_ptr<sdk::Hypothesis> make_dagmm(const Registry& registry, std::int64_t latent_dim,
                                            const RawOptions& options) {
  const auto& choice = registry.hypothesis("density");
  sdk::HypothesisContext context;
  context.latent_dim = latent_dim;
  context.params = resolve_options(choice.params, options, "hypothesis.density");
  return choice.create(context);
}

}  // namespace

TEST_CASE("density: with one component the energy is the closed form of one known Gaussian") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dagmm = make_dagmm(loaded->registry, 1, {{"k", {std::int64_t{1}, "test"}}});
  dagmm->to(torch::kDouble);

  // Features h = (z, dist) of four training samples: the corners of a square around (1, 2).
  auto z = torch::tensor({0.0, 2.0, 0.0, 2.0}, torch::kDouble).view({4, 1});
  auto dist = torch::tensor({1.0, 1.0, 3.0, 3.0}, torch::kDouble);
  dagmm->end_epoch(z, dist);
  // One component: phi = 1, mu = (1, 2), Sigma = diag(1, 1) + 1e-6 I (population covariance).
  const double variance = 1.0 + 1e-6;
  auto energy_at = [&](double a, double b) {
    double mahalanobis = ((a - 1) * (a - 1) + (b - 2) * (b - 2)) / variance;
    return 0.5 * mahalanobis + 0.5 * std::log(std::pow(2 * M_PI, 2) * variance * variance);
  };
  auto score = dagmm->score_term(torch::tensor({1.0, 3.0}, torch::kDouble).view({2, 1}),
                                 torch::tensor({2.0, 5.0}, torch::kDouble));
  CHECK(score[0].item<double>() == doctest::Approx(energy_at(1.0, 2.0)).epsilon(1e-9));
  CHECK(score[1].item<double>() == doctest::Approx(energy_at(3.0, 5.0)).epsilon(1e-9));

  // The training term: 0.1 * mean energy of the batch + 0.005 * sum of 1 / Sigma_jj.
  double mean_energy = (energy_at(0, 1) + energy_at(2, 1) + energy_at(0, 3) + energy_at(2, 3)) / 4;
  double expected = 0.1 * mean_energy + 0.005 * (2.0 / variance);
  CHECK(dagmm->training_term(z, dist).item<double>() == doctest::Approx(expected).epsilon(1e-9));
}

TEST_CASE("density: a wide latent is projected, and the terms stay finite and trainable") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dagmm = make_dagmm(loaded->registry, 300, {});
  torch::manual_seed(0);
  auto z = torch::randn({64, 300});
  auto dist = torch::rand({64});
  dagmm->initialize(z, dist);
  auto term = dagmm->training_term(z, dist);
  CHECK(std::isfinite(term.item<double>()));
  term.backward();
  CHECK(dagmm->named_parameters()["projection.weight"].grad().abs().sum().item<double>() > 0);
  CHECK(torch::isfinite(dagmm->score_term(z, dist)).all().item<bool>());
}

TEST_CASE(
    "density: the estimation network trains with the paper's dropout, and the mixture that "
    "scores is fitted without it") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dagmm = make_dagmm(loaded->registry, 2, {{"k", {std::int64_t{3}, "test"}}});
  dagmm->train();
  torch::manual_seed(1);
  auto z = torch::randn({64, 2});
  auto dist = torch::rand({64});
  // In training, dropout makes two passes over the same batch differ...
  auto first = dagmm->training_term(z, dist).item<double>();
  auto second = dagmm->training_term(z, dist).item<double>();
  CHECK(first != second);
  // ...but the scoring mixture is refitted deterministically, even in training mode.
  dagmm->end_epoch(z, dist);
  auto mu = dagmm->named_buffers()["mu"].clone();
  dagmm->end_epoch(z, dist);
  CHECK(torch::equal(mu, dagmm->named_buffers()["mu"]));
}
