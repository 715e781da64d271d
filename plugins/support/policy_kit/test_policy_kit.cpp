#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

#include "Advantages.hpp"
#include "GaussianPosterior.hpp"
#include "LstmPolicy.hpp"
#include "ReplayBuffer.hpp"
#include "StateArchive.hpp"
#include "TensorAdam.hpp"
#include "autood/sdk/errors.hpp"

using namespace autood::controllers;

TEST_CASE("the replay buffer keeps exactly the best B architectures, each once") {
  ReplayBuffer buffer(3);
  const std::vector<std::pair<Architecture, double>> seen = {
      {{0, 0}, 0.5}, {{0, 1}, 0.9}, {{1, 0}, 0.1}, {{1, 1}, 0.7},
      {{0, 1}, 0.2}, {{2, 2}, 0.6}, {{1, 1}, 0.8}};
  for (const auto& [a, r] : seen) buffer.add({a, r});
  // By hand: best rewards per architecture are 0.9 (0,1), 0.8 (1,1), 0.6 (2,2), 0.5 (0,0), 0.1
  // (1,0).
  REQUIRE(buffer.entries().size() == 3);
  CHECK(buffer.entries()[0].architecture == Architecture{0, 1});
  CHECK(buffer.entries()[0].reward == 0.9);
  CHECK(buffer.entries()[1].architecture == Architecture{1, 1});
  CHECK(buffer.entries()[1].reward == 0.8);
  CHECK(buffer.entries()[2].architecture == Architecture{2, 2});

  ReplayBuffer off(0);
  off.add({{0, 0}, 1.0});
  CHECK(off.entries().empty());
}

TEST_CASE("the closed-form Gaussian KL matches the hand value and a Monte-Carlo estimate") {
  // KL(N(1, 2^2) || N(0, 1)) = log(1/2) + (4 + 1)/2 - 1/2 by the formula.
  auto one = [](double v) { return TensorList{torch::tensor({v}, torch::kDouble)}; };
  double kl = diagonal_gaussian_kl(one(1.0), one(2.0), one(0.0), one(1.0)).item<double>();
  CHECK(kl == doctest::Approx(std::log(0.5) + 2.5 - 0.5).epsilon(1e-12));

  // Five coordinates, then E_a[log a(x) - log b(x)] from 400k samples.
  auto mean_a = torch::tensor({0.3, -1.0, 0.0, 2.0, 0.5}, torch::kDouble);
  auto sigma_a = torch::tensor({0.5, 1.2, 0.1, 1.0, 2.0}, torch::kDouble);
  auto mean_b = torch::tensor({0.0, -0.5, 0.2, 1.0, 0.0}, torch::kDouble);
  auto sigma_b = torch::tensor({1.0, 1.0, 0.3, 2.0, 1.5}, torch::kDouble);
  double closed = diagonal_gaussian_kl({mean_a}, {sigma_a}, {mean_b}, {sigma_b}).item<double>();
  torch::manual_seed(11);
  auto x = mean_a + sigma_a * torch::randn({400000, 5}, torch::kDouble);
  auto log_density = [](const at::Tensor& v, const at::Tensor& m, const at::Tensor& s) {
    return -torch::log(s) - 0.5 * std::log(2 * M_PI) - (v - m).pow(2) / (2 * s.pow(2));
  };
  double monte_carlo = (log_density(x, mean_a, sigma_a) - log_density(x, mean_b, sigma_b))
                           .sum(1)
                           .mean()
                           .item<double>();
  CHECK(closed == doctest::Approx(monte_carlo).epsilon(0.01));
  CHECK(closed > 0);
}

TEST_CASE("the posterior samples mu + softplus(rho) * eps, and its prior KL is the closed form") {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(5);
  GaussianPosterior posterior({{3}}, 0.1, 0.25, generator);
  CHECK(posterior.sigmas()[0].allclose(torch::full({3}, 0.25), 1e-6));
  TensorList eps{torch::tensor({1.0f, -2.0f, 0.0f})};
  auto sample = posterior.sample(eps)[0];
  CHECK(sample.allclose(posterior.means()[0] + 0.25 * eps[0], 1e-6));
  // Prior N(0, 0.5^2): sum over three coordinates of log(0.5/0.25) + (0.0625 + mu^2)/(2 * 0.25) -
  // 0.5.
  auto mu = posterior.means()[0].detach().to(torch::kDouble);
  double expected = (std::log(2.0) + (0.0625 + mu.pow(2)) / 0.5 - 0.5).sum().item<double>();
  CHECK(posterior.kl_to_prior(0.5).item<double>() == doctest::Approx(expected).epsilon(1e-6));
}

TEST_CASE("the LSTM policy is a distribution: pi sums to one over a small space") {
  LstmPolicy policy({{2, 3, 2}, 8, 2, 2.5, 5.0});
  auto generator = at::make_generator<at::CPUGeneratorImpl>(1);
  auto weights = uniform_weights(policy, 0.5, generator);
  std::vector<Architecture> all;
  for (std::int64_t a = 0; a < 2; ++a)
    for (std::int64_t b = 0; b < 3; ++b)
      for (std::int64_t c = 0; c < 2; ++c) all.push_back({a, b, c});
  auto log_p = policy.log_prob(weights, all);
  CHECK(log_p.exp().sum().item<double>() == doctest::Approx(1.0).epsilon(1e-5));
  // And each log-probability is the sum of the per-step ones; (1, 2, 0) is index 1*6 + 2*2 + 0.
  double by_steps = std::log(policy.step_probabilities(weights, {}, 0)[1].item<double>()) +
                    std::log(policy.step_probabilities(weights, {1}, 1)[2].item<double>()) +
                    std::log(policy.step_probabilities(weights, {1, 2}, 2)[0].item<double>());
  CHECK(log_p[10].item<double>() == doctest::Approx(by_steps).epsilon(1e-5));
  // The squashing bounds every logit to +-2.5, so no option falls below e^-5 / (e^-5 + (k-1) e^5)
  // odds.
  auto p = policy.step_probabilities(weights, {}, 0);
  CHECK(p.min().item<double>() > std::exp(-5.0) / (std::exp(-5.0) + std::exp(5.0)));

  std::mt19937_64 rng(3);
  auto drawn = policy.sample(weights, 4, rng);
  REQUIRE(drawn.size() == 4);
  for (const auto& a : drawn) CHECK(a.size() == 3);
  CHECK_THROWS_AS(policy.log_prob(weights, {{0, 5, 0}}), autood::sdk::InputError);
}

TEST_CASE("Adam's first step moves each weight by lr against the gradient's sign") {
  auto w = torch::tensor({1.0f, -2.0f, 3.0f}).requires_grad_();
  TensorAdam adam({w}, 0.1);
  (w * torch::tensor({2.0f, -0.5f, 0.0f})).sum().backward();
  adam.step();
  // m / (sqrt(v) + eps) after bias correction is g / (|g| + eps): the sign, or 0 for g = 0.
  CHECK(w.detach().allclose(torch::tensor({0.9f, -1.9f, 3.0f}), 1e-5));
  CHECK(!w.grad().defined());
}

TEST_CASE("a state archive round-trips and names a missing or misshapen entry") {
  StateArchive archive;
  archive.put_tensor("w", torch::ones({2, 3}));
  archive.put_double("baseline", 0.25);
  archive.put_string("note", std::string("a\0b", 3));
  auto back = StateArchive::parse(archive.bytes(), "test controller");
  CHECK(back.get_tensor("w", {2, 3}).equal(torch::ones({2, 3})));
  CHECK(back.get_double("baseline") == 0.25);
  CHECK(back.get_string("note") == std::string("a\0b", 3));
  try {
    back.get_tensor("w", {3, 2});
    FAIL("a misshapen entry was accepted");
  } catch (const autood::sdk::InputError& error) {
    CHECK(std::string(error.what()).find("'w' has shape [2, 3], expected [3, 2]") !=
          std::string::npos);
  }
  CHECK_THROWS_AS(back.get_int("steps"), autood::sdk::InputError);
  CHECK_THROWS_AS(StateArchive::parse("not a state", "test controller"), autood::sdk::InputError);
}

TEST_CASE(
    "advantages: the paper's r - b, scaled by the rewards' spread, or z-scored in the batch") {
  // none: the first batch sets b to its mean 0.5; the next sees b = 0.5, which then moves to
  // 0.5 * 0.5 + 0.5 * 0.8 = 0.65 (decay 0.5).
  AdvantageEstimator none(0.5, RewardScaling::None);
  auto first = none.advantages({0.4, 0.6});
  CHECK(first[0] == doctest::Approx(-0.1));
  CHECK(first[1] == doctest::Approx(0.1));
  CHECK(none.advantages({0.8})[0] == doctest::Approx(0.3));
  CHECK(none.baseline() == doctest::Approx(0.65));
  CHECK(none.scale() == 1.0);

  // history: the same r - b, divided by the sample std of every reward so far, this batch's
  // included: {0.4, 0.6} has std 0.141421; {0.4, 0.6, 0.8} has std 0.2.
  AdvantageEstimator history(0.5, RewardScaling::History);
  CHECK(history.advantages({0.4, 0.6})[1] == doctest::Approx(0.1 / 0.1414214).epsilon(1e-6));
  CHECK(history.advantages({0.8})[0] == doctest::Approx(0.3 / 0.2));
  CHECK(history.scale() == doctest::Approx(0.2));

  // batch: z-scores within the batch: {1, 2, 3, 6} has mean 3 and sample std sqrt(14/3).
  AdvantageEstimator batch(0.95, RewardScaling::Batch);
  auto z = batch.advantages({1, 2, 3, 6});
  CHECK(z[0] == doctest::Approx(-2 / std::sqrt(14.0 / 3)));
  CHECK(z[3] == doctest::Approx(3 / std::sqrt(14.0 / 3)));
  auto equal = batch.advantages({0.5, 0.5});  // no spread: no push either way
  CHECK(equal[0] == 0.0);
  CHECK(equal[1] == 0.0);

  // The state round-trips: a restored estimator gives the next batch the same advantages.
  StateArchive archive;
  history.save(archive);
  AdvantageEstimator restored(0.5, RewardScaling::History);
  restored.load(StateArchive::parse(archive.bytes(), "test"));
  CHECK(restored.advantages({0.3})[0] == doctest::Approx(history.advantages({0.3})[0]));
  CHECK_THROWS_WITH_AS(parse_reward_scaling("rank"),
                       "controller.reward_scaling is 'rank'; valid: none, history, batch",
                       autood::sdk::InputError);
}

TEST_CASE("the policy's entropy along a path is the sum of its decisions' entropies") {
  PolicyConfig config;
  config.option_counts = {3, 2, 4};
  config.hidden = 8;
  config.layers = 1;
  LstmPolicy policy(config);
  auto generator = at::make_generator<at::CPUGeneratorImpl>(3);
  auto weights = uniform_weights(policy, 0.5, generator);
  const Architecture path{2, 0, 1};
  auto [log_p, entropy] = policy.log_prob_and_entropy(weights, {path});
  double expected = 0, expected_log_p = 0;
  for (std::size_t t = 0; t < 3; ++t) {  // each step's distribution given the path before it
    auto p = policy.step_probabilities(weights, Architecture(path.begin(), path.begin() + t), t);
    expected -= (p * p.log()).sum().item<double>();
    expected_log_p += std::log(p[path[t]].item<double>());
  }
  CHECK(entropy.item<double>() == doctest::Approx(expected).epsilon(1e-5));
  CHECK(log_p.item<double>() == doctest::Approx(expected_log_p).epsilon(1e-5));
  CHECK(entropy.item<double>() <= std::log(3.0) + std::log(2.0) + std::log(4.0));
}
