#include <doctest/doctest.h>
#include <torch/torch.h>

#include "CuriousController.hpp"
#include "SyntheticReward.hpp"

using namespace autood::controllers;

namespace {

CuriousController make(CuriousOptions options, double lr = 0.01) {
  PolicyConfig config;
  config.option_counts = autood::test::paper_option_counts();
  PolicyTraining training;
  training.lr = lr;
  return CuriousController(config, training, options, 4);
}

}  // namespace

TEST_CASE(
    "curious: the information gain is never negative and shrinks as one architecture is learnt") {
  auto controller = make(CuriousOptions{});
  auto counts = autood::test::paper_option_counts();
  auto good = autood::test::hidden_target(counts);
  Architecture other(counts.size(), 0);
  auto average_gain = [&] {
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
      double gain = controller.information_gain(good);
      CHECK(gain >= 0);
      sum += gain;
    }
    return sum / 4;
  };
  double before = average_gain();
  // The same architecture again and again, always better than the other one: pi(good) rises.
  for (int i = 0; i < 40; ++i) controller.observe({{good, 1.0}, {other, 0.0}});
  double after = average_gain();
  MESSAGE("information gain of the repeated architecture: before " << before << ", after "
                                                                   << after);
  CHECK(before > 0);
  CHECK(after < 0.5 * before);
  for (double gain : controller.last_information_gains()) CHECK(gain >= 0);
}

TEST_CASE("curious: the controller's buffer holds the best B observations") {
  CuriousOptions options;
  options.buffer_size = 3;
  auto controller = make(options);
  auto target = autood::test::hidden_target(autood::test::paper_option_counts());
  std::vector<double> all;
  for (int i = 0; i < 4; ++i) {
    std::vector<autood::sdk::Observation> batch;
    for (auto& a : controller.propose(5))
      batch.push_back({a, autood::test::synthetic_reward(a, target)});
    for (auto& o : batch) all.push_back(o.reward);
    controller.observe(batch);
  }
  std::sort(all.rbegin(), all.rend());
  REQUIRE(controller.buffer().entries().size() == 3);
  // Rewards may repeat across distinct architectures; the buffer's rewards are the top three.
  for (std::size_t i = 0; i < 3; ++i) CHECK(controller.buffer().entries()[i].reward == all[i]);
}

TEST_CASE(
    "curious: eta 0 and buffer 0 make it plain Bayesian REINFORCE, with or without sharpening") {
  for (bool sharpening : {false, true}) {
    CAPTURE(sharpening);
    CuriousOptions options;
    options.eta = 0;
    options.buffer_size = 0;
    options.sharpening = sharpening;
    auto controller = make(options);
    auto target = autood::test::hidden_target(autood::test::paper_option_counts());
    auto mu_before = controller.posterior().means()[0].detach().clone();
    for (int i = 0; i < 3; ++i) {
      std::vector<autood::sdk::Observation> batch;
      for (auto& a : controller.propose(4))
        batch.push_back({a, autood::test::synthetic_reward(a, target)});
      controller.observe(batch);
      for (double gain : controller.last_information_gains()) CHECK(gain == 0.0);
    }
    CHECK(controller.buffer().entries().empty());
    CHECK(!controller.posterior().means()[0].equal(
        mu_before));  // REINFORCE still moves the posterior
  }
}
