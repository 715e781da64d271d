// TPE's estimator against hand-worked values, and its choices on a one-decision example whose
// l / g ratios were worked out by hand.
#include <doctest/doctest.h>

#include <map>

#include "CategoricalParzen.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"

using namespace autood;

TEST_CASE("tpe: Optuna's recency weights and the smoothed option shares, by hand") {
  // numpy.linspace(1/28, 1, 3) then 25 ones.
  auto w = controllers::recency_weights(28);
  REQUIRE(w.size() == 28);
  CHECK(w[0] == doctest::Approx(1.0 / 28));
  CHECK(w[1] == doctest::Approx((1.0 / 28 + 1.0) / 2));
  CHECK(w[2] == doctest::Approx(1.0));
  CHECK(w[27] == 1.0);
  CHECK(controllers::recency_weights(25) == std::vector<double>(25, 1.0));

  // Options 0, 0, 2 of three, prior weight 1: ((1/3 + 2) / 4, (1/3) / 4, (1/3 + 1) / 4).
  const sdk::Architecture a{0}, b{0}, c{2};
  auto shares = controllers::option_shares({&a, &b, &c}, 0, 3, 1.0);
  CHECK(shares[0] == doctest::Approx(7.0 / 12));
  CHECK(shares[1] == doctest::Approx(1.0 / 12));
  CHECK(shares[2] == doctest::Approx(1.0 / 3));
}

TEST_CASE("tpe: the option with the best l / g wins, and a batch counts its own children as bad") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& choice = loaded->registry.get<sdk::ControllerChoice>("tpe");
  sdk::ControllerContext context;
  context.option_counts = {3};
  context.seed = 2;
  context.params = resolve_options(
      choice.params,
      {{"startup", {std::int64_t{0}, "test"}}, {"candidates", {std::int64_t{400}, "test"}}},
      "controller");
  auto tpe = choice.create(context);
  // 20 observations: ceil(0.1 * 20) = 2 good (options 0 and 1); of the 18 bad, 2 chose 0 and 16
  // chose 1, none 2. l = (4/9, 4/9, 1/9); g = (7/57, 49/57, 1/57); l / g = (3.62, 0.52, 6.33):
  // the option no one tried wins, though l favours the others.
  std::vector<sdk::Observation> observations{{{0}, 1.0}, {{1}, 0.9}};
  for (int i = 0; i < 18; ++i) observations.push_back({{i < 2 ? 0 : 1}, 0.01 * i});
  tpe->observe(observations);
  for (int i = 0; i < 5; ++i) CHECK(tpe->propose(1) == std::vector<sdk::Architecture>{{2}});
  // In one batch of three, 2 is then counted as bad: g(2) = (1/3 + 1) / 20, so 2 scores 1.67
  // and 0 scores (4/9) / ((1/3 + 2) / 20) = 3.81; with 0 also counted, 0 still leads (2.8).
  CHECK(tpe->propose(3) == std::vector<sdk::Architecture>{{2}, {0}, {0}});
}

TEST_CASE("tpe: uniform children until `startup` observations, and bad options refused") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& choice = loaded->registry.get<sdk::ControllerChoice>("tpe");
  sdk::ControllerContext context;
  context.option_counts = {4};
  context.params = resolve_options(choice.params, {}, "controller");
  auto tpe = choice.create(context);
  tpe->observe({{{3}, 1.0}});  // one observation of the default ten: still uniform
  std::map<std::int64_t, int> seen;
  for (const auto& child : tpe->propose(4000)) ++seen[child[0]];
  for (std::int64_t option = 0; option < 4; ++option)
    CHECK(seen[option] / 4000.0 == doctest::Approx(0.25).epsilon(0.1));
  // The host refuses a value outside the declared range when the config is read...
  CHECK_THROWS_WITH_AS(resolve_options(choice.params, {{"gamma", {1.5, "test"}}}, "controller"),
                       "test: 'controller.gamma' must be from 1e-06 to 1, got 1.5",
                       sdk::InputError);
  // ...and the plugin still refuses one that reaches it some other way.
  sdk::Params params = context.params;
  params.set("gamma", 0.0);
  context.params = params;
  CHECK_THROWS_WITH_AS(choice.create(context), "controller.gamma must be in (0, 1]",
                       sdk::InputError);
}
