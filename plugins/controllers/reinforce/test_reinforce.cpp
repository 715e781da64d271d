#include <doctest/doctest.h>

#include "OpSupport.hpp"
#include "autood/sdk/controller.hpp"
#include "config/Config.hpp"
#include "plugin/OptionCheck.hpp"

using namespace autood;

TEST_CASE("reinforce: the policy moves towards the option that is rewarded") {
  const auto& choice = test::builtin_registry().get<sdk::ControllerChoice>("reinforce");
  sdk::ControllerContext context;
  context.option_counts = {4, 3};
  context.seed = 5;
  context.params = resolve_options(choice.params, {}, "controller");
  auto controller = choice.create(context);
  auto share_of_option_3 = [&](const std::vector<sdk::Architecture>& batch) {
    double hits = 0;
    for (const auto& a : batch) hits += a[0] == 3 ? 1 : 0;
    return hits / static_cast<double>(batch.size());
  };
  const double before = share_of_option_3(controller->propose(400));
  for (int round = 0; round < 60; ++round) {
    auto batch = controller->propose(8);
    std::vector<sdk::Observation> observed;
    for (const auto& a : batch) observed.push_back({a, a[0] == 3 ? 1.0 : 0.1});
    controller->observe(observed);
  }
  const double after = share_of_option_3(controller->propose(400));
  CAPTURE(before);
  CAPTURE(after);
  // Uniform at the start (1 in 4); a policy that did not learn stays there.
  CHECK(before < 0.35);
  CHECK(after > 0.5);
}
