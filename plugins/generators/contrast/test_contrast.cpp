#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "TestSupport.hpp"

using namespace autood;

TEST_CASE("contrast: pixels moved toward or away from the image's mean, kept in [0, 1]") {
  auto loaded = test::load({test::builtin_plugins()});
  auto image = torch::tensor({0.0f, 0.2f, 0.6f, 1.0f}).reshape({1, 1, 1, 4});
  // The mean is 0.45; x' = 0.45 + factor (x - 0.45).
  auto flatter =
      test::generate_with(loaded->registry, "contrast", {{"factor", {0.5, "test"}}}, image);
  CHECK(
      torch::allclose(flatter.samples.flatten(), torch::tensor({0.225f, 0.325f, 0.525f, 0.725f})));
  // factor 3: -0.9, -0.3, 0.9, 2.1, kept in [0, 1].
  auto sharper =
      test::generate_with(loaded->registry, "contrast", {{"factor", {3.0, "test"}}}, image);
  CHECK(torch::allclose(sharper.samples.flatten(), torch::tensor({0.0f, 0.0f, 0.9f, 1.0f})));
}
