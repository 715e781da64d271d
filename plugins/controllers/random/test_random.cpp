#include <doctest/doctest.h>

#include "OpSupport.hpp"
#include "autood/sdk/controller.hpp"
#include "config/Config.hpp"
#include "plugin/OptionCheck.hpp"

using namespace autood;

namespace {

std::shared_ptr<sdk::Controller> random_search(std::uint64_t seed) {
  const auto& choice = test::builtin_registry().get<sdk::ControllerChoice>("random");
  sdk::ControllerContext context;
  context.option_counts = {3, 5};
  context.seed = seed;
  context.params = resolve_options(choice.params, {}, "controller");
  return choice.create(context);
}

}  // namespace

TEST_CASE(
    "random: every option equally likely, whatever it is told, and the seed fixes the draws") {
  auto controller = random_search(11);
  std::vector<int> first(3), second(5);
  const int draws = 6000;
  for (int round = 0; round < draws / 100; ++round) {
    auto batch = controller->propose(100);
    std::vector<sdk::Observation> observed;
    for (const auto& a : batch) {
      ++first[static_cast<std::size_t>(a[0])];
      ++second[static_cast<std::size_t>(a[1])];
      observed.push_back({a, a[0] == 2 ? 1.0 : 0.0});  // a reward it must not follow
    }
    controller->observe(observed);
  }
  // Binomial counts: 2000 +- 4 sd (36.5) for 1 in 3, 1200 +- 4 sd (31) for 1 in 5.
  for (int count : first) CHECK(std::abs(count - 2000) < 146);
  for (int count : second) CHECK(std::abs(count - 1200) < 124);
  CHECK(random_search(11)->propose(20) == random_search(11)->propose(20));
  CHECK(random_search(11)->propose(20) != random_search(12)->propose(20));
}

TEST_CASE(
    "random: a saved state names its space, and an earlier bare generator state still loads") {
  auto first = random_search(5);
  first->propose(7);
  const auto state = first->save_state();
  REQUIRE(state.rfind("space 3 5\n", 0) == 0);
  auto restored = random_search(99);
  restored->load_state(state);
  auto legacy = random_search(99);
  legacy->load_state(state.substr(state.find('\n') + 1));  // the generator alone, as before
  const auto next = first->propose(10);
  CHECK(restored->propose(10) == next);
  CHECK(legacy->propose(10) == next);
}
