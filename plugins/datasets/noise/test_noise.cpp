#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"

using namespace autood;
using namespace autood::test;
namespace fs = std::filesystem;

TEST_CASE("noise: Gaussian clipped to [0, 1] and uniform, in the asked shape") {
  auto loaded = test::load({test::builtin_plugins()});
  RawOptions options{{"count", {std::int64_t{2000}, "test"}},
                     {"shape", {std::vector<std::int64_t>{1, 4, 4}, "test"}}};
  auto gaussian = load_with(loaded->registry, "noise", options);
  REQUIRE(gaussian.samples.sizes() == torch::IntArrayRef({2000, 1, 4, 4}));
  CHECK(gaussian.samples.min().item<float>() == 0.0f);
  CHECK(gaussian.samples.max().item<float>() == 1.0f);
  // N(0.5, 1) clipped: P(x <= 0) = P(x >= 1) = Phi(-0.5) = 0.3085.
  CHECK(gaussian.samples.eq(0).to(torch::kFloat).mean().item<float>() ==
        doctest::Approx(0.3085).epsilon(0.03));
  options["kind"] = {std::string("uniform"), "test"};
  auto uniform = load_with(loaded->registry, "noise", options);
  CHECK(uniform.samples.mean().item<float>() == doctest::Approx(0.5).epsilon(0.02));
  options["kind"] = {std::string("pink"), "test"};
  CHECK(test::contains(load_error(loaded->registry, "noise", options),
                       "'pink' is not one of: gaussian, uniform"));
}
