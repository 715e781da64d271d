// Aging, tournament and mutation of the evolution controller, each against what Algorithm 1 of
// Real et al. (2019) says must happen.
#include <doctest/doctest.h>

#include <map>

#include "TestSupport.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"

using namespace autood;

namespace {

std::shared_ptr<sdk::Controller> make_evolution(const Registry& registry,
                                                std::vector<std::int64_t> counts,
                                                std::int64_t population, std::int64_t sample) {
  const auto& choice = registry.get<sdk::ControllerChoice>("evolution");
  sdk::ControllerContext context;
  context.option_counts = std::move(counts);
  context.seed = 5;
  context.params = resolve_options(
      choice.params, {{"population", {population, "test"}}, {"sample", {sample, "test"}}},
      "controller");
  return choice.create(context);
}

// The positions where two architectures differ.
std::vector<std::size_t> differences(const sdk::Architecture& a, const sdk::Architecture& b) {
  std::vector<std::size_t> where;
  for (std::size_t t = 0; t < a.size(); ++t)
    if (a[t] != b[t]) where.push_back(t);
  return where;
}

}  // namespace

TEST_CASE("evolution: a child is its parent with one decision moved, and the oldest dies first") {
  auto loaded = test::load({test::builtin_plugins()});
  // A population of one: the parent is always the newest observation, good or bad.
  auto evolution = make_evolution(loaded->registry, {3, 1, 4}, 1, 1);
  const sdk::Architecture good{2, 0, 3}, bad{0, 0, 1};
  evolution->observe({{good, 0.9}});
  std::map<std::int64_t, int> new_options;  // of decision 2, the one with four options
  for (const auto& child : evolution->propose(400)) {
    auto moved = differences(child, good);
    REQUIRE(moved.size() == 1);
    CHECK(moved[0] != 1);  // a decision with one option cannot move
    if (moved[0] == 2) ++new_options[child[2]];
  }
  // The moved decision takes each other option about equally often, never the parent's.
  CHECK(new_options.count(3) == 0);
  for (std::int64_t option : {0, 1, 2}) CHECK(new_options[option] > 40);
  // Aging: the worse, newer architecture replaces the better one.
  evolution->observe({{bad, 0.1}});
  for (const auto& child : evolution->propose(50)) CHECK(differences(child, bad).size() == 1);
}

TEST_CASE("evolution: the tournament draws with replacement and keeps the best it drew") {
  auto loaded = test::load({test::builtin_plugins()});
  auto evolution = make_evolution(loaded->registry, {5, 5, 5, 5}, 3, 3);
  // Three members that differ everywhere, so a child names its parent.
  const sdk::Architecture worst{0, 0, 0, 0}, middle{1, 1, 1, 1}, best{2, 2, 2, 2};
  evolution->observe({{worst, 0.1}, {middle, 0.5}, {best, 0.9}});
  std::map<int, int> parents;
  const int n = 2700;
  for (const auto& child : evolution->propose(n))
    for (const auto* member : {&worst, &middle, &best})
      if (differences(child, *member).size() == 1) ++parents[(*member)[0]];
  // Three draws with replacement: P(best) = 1 - (2/3)^3 = 19/27, P(middle) = (2/3)^3 - (1/3)^3
  // = 7/27, P(worst) = 1/27. Without replacement the best would always win.
  CHECK(parents[2] / double(n) == doctest::Approx(19.0 / 27).epsilon(0.05));
  CHECK(parents[1] / double(n) == doctest::Approx(7.0 / 27).epsilon(0.12));
  CHECK(parents[0] / double(n) == doctest::Approx(1.0 / 27).epsilon(0.35));
}

TEST_CASE("evolution: random children until the population is full, and bad options refused") {
  auto loaded = test::load({test::builtin_plugins()});
  auto evolution = make_evolution(loaded->registry, {6, 6, 6, 6, 6, 6}, 4, 2);
  evolution->observe({{{0, 0, 0, 0, 0, 0}, 1.0}});
  // One member of four: still random, so children are mostly far from it.
  int far = 0;
  for (const auto& child : evolution->propose(100))
    far += differences(child, {0, 0, 0, 0, 0, 0}).size() > 1;
  CHECK(far > 90);
  CHECK_THROWS_WITH_AS(make_evolution(loaded->registry, {2}, 4, 5),
                       "controller.sample must be between 1 and controller.population",
                       sdk::InputError);
}
