// The controllers through the real loader, on the synthetic reward: no child is trained.
#include <doctest/doctest.h>

#include <numeric>
#include <tuple>

#include "SyntheticReward.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"
#include "search/Seeds.hpp"

using namespace autood;

namespace {

constexpr std::size_t kBatch = 10;

std::shared_ptr<sdk::Controller> make_controller(const Registry& registry, const std::string& name,
                                                 std::uint64_t seed,
                                                 const RawOptions& options = {}) {
  const auto& choice = registry.get<sdk::ControllerChoice>(name);
  sdk::ControllerContext context;
  context.option_counts = test::paper_option_counts();
  context.seed = seed;
  context.params = resolve_options(choice.params, options, "controller");
  return choice.create(context);
}

// Runs `iterations` batches on the synthetic reward; returns every proposal's reward in order.
std::vector<double> run_synthetic(sdk::Controller& controller, int iterations,
                                  std::size_t batch = kBatch) {
  auto target = test::hidden_target(test::paper_option_counts());
  std::vector<double> rewards;
  for (int i = 0; i < iterations; ++i) {
    std::vector<sdk::Observation> observations;
    for (auto& a : controller.propose(batch)) {
      observations.push_back({a, test::synthetic_reward(a, target)});
      rewards.push_back(observations.back().reward);
    }
    controller.observe(observations);
  }
  return rewards;
}

double mean_of_last(const std::vector<double>& values, std::size_t count) {
  return std::accumulate(values.end() - static_cast<std::ptrdiff_t>(count), values.end(), 0.0) /
         static_cast<double>(count);
}

// The paper's controller settings (ENAS's): configs/paper.toml.
const RawOptions kPaperSettings{{"lr", {3.5e-4, "test"}},
                                {"updates", {std::int64_t{1}, "test"}},
                                {"reward_scaling", {std::string("none"), "test"}}};

}  // namespace

TEST_CASE("synthetic reward: random search stays at its expectation") {
  auto loaded = test::load({test::builtin_plugins()});
  auto controller = make_controller(loaded->registry, "random", 1);
  auto rewards = run_synthetic(*controller, 100);
  double expected = test::random_expectation(test::paper_option_counts());  // 0.2652 by hand
  CHECK(expected == doctest::Approx(0.2652).epsilon(1e-3));
  CHECK(mean_of_last(rewards, 1000) == doctest::Approx(expected).epsilon(0.1));
  CHECK(mean_of_last(rewards, 50) < 0.5);
}

// Measured at seed 1 over the last 50 of 1000: reinforce 0.97, curious 0.93, evolution 0.873,
// tpe 0.972. Evolution's children are all one mutation from a parent, and near the optimum most
// mutations break a right decision, so its mean sits below its best; random search stays at 0.265.
TEST_CASE(
    "synthetic reward: every learning controller, at its defaults, learns within 1000 proposals") {
  auto loaded = test::load({test::builtin_plugins()});
  for (const auto& [name, bar] :
       {std::pair{std::string("reinforce"), 0.9}, std::pair{std::string("curious"), 0.9},
        std::pair{std::string("evolution"), 0.85}, std::pair{std::string("tpe"), 0.95}}) {
    CAPTURE(name);
    auto controller = make_controller(loaded->registry, name, 1);
    auto rewards = run_synthetic(*controller, 100);
    MESSAGE(name << ": first 50 "
                 << mean_of_last(std::vector<double>(rewards.begin(), rewards.begin() + 50), 50)
                 << ", last 50 " << mean_of_last(rewards, 50));
    CHECK(mean_of_last(rewards, 50) >= bar);
  }
}

// The budget people run: batch 4, 200 evaluations, mean of proposals 151-200 over seeds 1 to 3.
// Bars sit a few points under what was measured (MESSAGE prints it), far above random's 0.265;
// at the paper's settings the LSTM controllers stay at random's level, which the last check shows.
TEST_CASE(
    "synthetic reward: at their defaults every controller but random learns within 200 evaluations "
    "at batch 4") {
  auto loaded = test::load({test::builtin_plugins()});
  auto late_mean = [&](const std::string& name, const RawOptions& options) {
    double sum = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      auto controller = make_controller(loaded->registry, name, seed, options);
      auto rewards = run_synthetic(*controller, 50, 4);
      sum += mean_of_last(rewards, 50);
    }
    return sum / 3;
  };
  for (const auto& [name, low, high] : {std::tuple{std::string("random"), 0.2, 0.33},
                                        std::tuple{std::string("reinforce"), 0.75, 1.0},
                                        std::tuple{std::string("curious"), 0.75, 1.0},
                                        std::tuple{std::string("evolution"), 0.6, 1.0},
                                        std::tuple{std::string("tpe"), 0.65, 1.0}}) {
    CAPTURE(name);
    const double late = late_mean(name, {});
    MESSAGE(name << ": mean reward of proposals 151-200 " << late);
    CHECK(late >= low);
    CHECK(late <= high);
  }
  for (const std::string name : {"reinforce", "curious"}) {
    CAPTURE(name);
    const double late = late_mean(name, kPaperSettings);
    MESSAGE(name << " at the paper's settings: " << late);
    CHECK(late < 0.35);
  }
}

TEST_CASE(
    "controllers: the same seed gives the same architectures, and a restored state the same next "
    "ones") {
  auto loaded = test::load({test::builtin_plugins()});
  for (const std::string name : {"random", "reinforce", "curious", "evolution", "tpe"}) {
    CAPTURE(name);
    const RawOptions options;  // the defaults
    auto first = make_controller(loaded->registry, name, 7, options);
    auto second = make_controller(loaded->registry, name, 7, options);
    run_synthetic(*first, 3);
    run_synthetic(*second, 3);
    CHECK(first->propose(kBatch) == second->propose(kBatch));

    auto state = first->save_state();
    auto restored =
        make_controller(loaded->registry, name, 99, options);  // another seed on purpose
    restored->load_state(state);
    auto expected = run_synthetic(*first, 2);
    CHECK(run_synthetic(*restored, 2) == expected);
    CHECK(first->propose(kBatch) == restored->propose(kBatch));

    CHECK_THROWS_AS(restored->load_state("not a state"), sdk::InputError);
  }
}

TEST_CASE("controllers: a state saved for another search space is refused with the reason") {
  auto loaded = test::load({test::builtin_plugins()});
  for (const std::string name : {"random", "reinforce", "curious", "evolution", "tpe"}) {
    CAPTURE(name);
    auto controller = make_controller(loaded->registry, name, 1);
    const auto& choice = loaded->registry.get<sdk::ControllerChoice>(name);
    sdk::ControllerContext smaller;
    smaller.option_counts = {2, 2};
    smaller.params = resolve_options(choice.params, {}, "controller");
    auto other = choice.create(smaller);
    try {
      controller->load_state(other->save_state());
      FAIL("a state of another space was accepted");
    } catch (const sdk::InputError& error) {
      CHECK(std::string(error.what()).find("another search space") != std::string::npos);
    }
  }
}

TEST_CASE("controllers: bad options name the key") {
  auto loaded = test::load({test::builtin_plugins()});
  CHECK_THROWS_WITH_AS(make_controller(loaded->registry, "reinforce", 1, {{"lr", {-1.0, "test"}}}),
                       "test: 'controller.lr' must be from 1e-09 to 10, got -1", sdk::InputError);
  CHECK_THROWS_WITH_AS(make_controller(loaded->registry, "curious", 1, {{"eta", {-0.5, "test"}}}),
                       "controller.eta must not be negative", sdk::InputError);
}

TEST_CASE(
    "controllers: each draws from its own stream unless common random numbers are asked for") {
  // splitmix64(seed xor FNV-1a-64(name)), worked out independently in Python.
  CHECK(controller_seed(0, "random", false) == 4509945134304363397ULL);
  CHECK(controller_seed(7, "curious", false) == 3631446248358139302ULL);
  CHECK(controller_seed(7, "reinforce", false) == 6477644124830515231ULL);
  CHECK(controller_seed(7, "curious", true) == 7);
  CHECK(controller_seed(7, "reinforce", true) == 7);
}

TEST_CASE("seeds: a trial's seed is splitmix64's stream from the search seed, as runs always had") {
  // SplitMix64 seeded with 0 gives 0xe220a8397b1dcdaf, then 0x6e789e6aa1b965f4 (Vigna's
  // reference outputs); trial 4 of seed 7 is splitmix64(7 + 5 gamma), worked out in Python. These
  // are the seeds runs have stored since the first, so that a resumed run trains alike.
  CHECK(trial_seed(0, 0) == 0xe220a8397b1dcdafULL);
  CHECK(trial_seed(0, 1) == 0x6e789e6aa1b965f4ULL);
  CHECK(trial_seed(7, 4) == 0x73d33b666a1e21daULL);
  CHECK(splitmix64(0) == trial_seed(0, 0));
}
