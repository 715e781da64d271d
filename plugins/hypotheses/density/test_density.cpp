#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"

using namespace autood;

namespace {

std::shared_ptr<sdk::Hypothesis> make_dagmm(const Registry& registry, std::int64_t latent_dim,
                                            const RawOptions& options) {
  const auto& choice = registry.get<sdk::HypothesisChoice>("density");
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

  // Features h = (z, relative error, cosine) of eight training samples: the corners of a box
  // around (1, 2, 0.5) with half-widths 1, 1 and 0.3.
  auto d = torch::kDouble;
  sdk::Encoded training{torch::tensor({0, 2, 0, 2, 0, 2, 0, 2}, d).view({8, 1}),
                        torch::zeros({8}, d), torch::tensor({1, 1, 3, 3, 1, 1, 3, 3}, d),
                        torch::tensor({.2, .2, .2, .2, .8, .8, .8, .8}, d)};
  dagmm->end_epoch(training);
  // One component: phi = 1, mu = (1, 2, 0.5), Sigma = diag(1, 1, 0.09) + 1e-6 I (population
  // covariance, zero off the diagonal for a full box).
  const double v1 = 1.0 + 1e-6, v3 = 0.09 + 1e-6;
  auto energy_at = [&](double a, double b, double c) {
    double mahalanobis = ((a - 1) * (a - 1) + (b - 2) * (b - 2)) / v1 + (c - 0.5) * (c - 0.5) / v3;
    return 0.5 * mahalanobis + 0.5 * std::log(std::pow(2 * M_PI, 3) * v1 * v1 * v3);
  };
  // The searched distance is not a feature: a huge one changes nothing.
  sdk::Encoded scored{torch::tensor({1.0, 3.0}, d).view({2, 1}), torch::tensor({1e6, 0.0}, d),
                      torch::tensor({2.0, 5.0}, d), torch::tensor({0.5, 0.9}, d)};
  auto score = dagmm->score_term(scored);
  CHECK(score[0].item<double>() == doctest::Approx(energy_at(1.0, 2.0, 0.5)).epsilon(1e-9));
  CHECK(score[1].item<double>() == doctest::Approx(energy_at(3.0, 5.0, 0.9)).epsilon(1e-9));

  // The training term: 0.1 * mean energy of the batch + 0.005 * sum of 1 / Sigma_jj.
  double mean_energy = 0;
  for (double a : {0.0, 2.0})
    for (double b : {1.0, 3.0})
      for (double c : {0.2, 0.8}) mean_energy += energy_at(a, b, c) / 8;
  double expected = 0.1 * mean_energy + 0.005 * (2.0 / v1 + 1.0 / v3);
  CHECK(dagmm->training_term(training).item<double>() == doctest::Approx(expected).epsilon(1e-9));
}

TEST_CASE("density: refuses samples without the reconstruction features") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dagmm = make_dagmm(loaded->registry, 2, {});
  sdk::Encoded bare{torch::zeros({4, 2}), torch::zeros({4}), {}, {}};
  CHECK_THROWS_AS(dagmm->score_term(bare), sdk::Rejected);
}

TEST_CASE("density: a wide latent is projected, and the terms stay finite and trainable") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dagmm = make_dagmm(loaded->registry, 300, {});
  torch::manual_seed(0);
  sdk::Encoded batch{torch::randn({64, 300}), torch::rand({64}), torch::rand({64}),
                     torch::rand({64})};
  dagmm->initialize(batch);
  auto term = dagmm->training_term(batch);
  CHECK(std::isfinite(term.item<double>()));
  term.backward();
  CHECK(dagmm->named_parameters()["projection.weight"].grad().abs().sum().item<double>() > 0);
  CHECK(torch::isfinite(dagmm->score_term(batch)).all().item<bool>());
}

TEST_CASE(
    "density: the estimation network trains with the paper's dropout, and the mixture that "
    "scores is fitted without it") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dagmm = make_dagmm(loaded->registry, 2, {{"k", {std::int64_t{3}, "test"}}});
  dagmm->train();
  torch::manual_seed(1);
  sdk::Encoded batch{torch::randn({64, 2}), torch::rand({64}), torch::rand({64}),
                     torch::rand({64})};
  // In training, dropout makes two passes over the same batch differ...
  auto first = dagmm->training_term(batch).item<double>();
  auto second = dagmm->training_term(batch).item<double>();
  CHECK(first != second);
  // ...but the scoring mixture is refitted deterministically, even in training mode.
  dagmm->end_epoch(batch);
  auto mu = dagmm->named_buffers()["mu"].clone();
  dagmm->end_epoch(batch);
  CHECK(torch::equal(mu, dagmm->named_buffers()["mu"]));
}

TEST_CASE("density: a singular covariance is factored with jitter on its diagonal") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dagmm = make_dagmm(loaded->registry, 1, {{"k", {std::int64_t{1}, "test"}}});
  dagmm->to(torch::kDouble);
  dagmm->eval();
  // One component at the origin whose first two features are the same (a collapsed component):
  // Sigma = [[1, 1, 0], [1, 1, 0], [0, 0, 1]] does not factor.
  auto d = torch::kDouble;
  auto buffers = dagmm->named_buffers();
  torch::NoGradGuard no_grad;
  buffers["phi"].fill_(1.0);
  buffers["mu"].zero_();
  buffers["sigma"].copy_(torch::tensor({1, 1, 0, 1, 1, 0, 0, 0, 1}, d).view({1, 3, 3}));
  CHECK_THROWS(at::linalg_cholesky(buffers["sigma"]));
  // With j = 1e-6 (the mean diagonal times 1e-6) added, the eigenvalues are j, 2 + j and 1 + j;
  // h = (1, 1, 0) lies along the second eigenvector (1, 1, 0) / sqrt 2.
  const double j = 1e-6;
  const double mahalanobis = 2.0 / (2.0 + j);
  const double log_det = std::log(j * (2.0 + j) * (1.0 + j));
  const double expected = 0.5 * mahalanobis + 0.5 * (log_det + 3 * std::log(2 * M_PI));
  sdk::Encoded sample{torch::ones({1, 1}, d), torch::zeros({1}, d), torch::ones({1}, d),
                      torch::zeros({1}, d)};
  CHECK(dagmm->score_term(sample).item<double>() == doctest::Approx(expected).epsilon(1e-9));
}
