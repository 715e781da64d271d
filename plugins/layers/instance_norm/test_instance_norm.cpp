#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("instance_norm: per sample and channel over the map, and a 1x1 map keeps its values") {
  // Sample 0's map holds 1, 2, 3, 4 (-1.5 / sqrt(1.25 + 1e-5) at 1); sample 1's is ten times it
  // and normalises to the same values, as it would not under batch normalisation.
  auto map = torch::tensor({1.0, 2.0, 3.0, 4.0}, torch::kFloat).view({1, 1, 2, 2});
  auto x = torch::cat({map, 10 * map});
  auto y = autood::test::encode("instance_norm", {}, x);
  CHECK(y[0][0][0][0].item<double>() ==
        doctest::Approx(-1.5 / std::sqrt(1.25 + 1e-5)).epsilon(1e-5));
  CHECK(torch::allclose(y[0], y[1], 1e-4, 1e-5));
  // On 1x1 maps the op is a per-channel affine map, so it keeps the rank and the shape.
  auto point = torch::randn({3, 2, 1, 1});
  CHECK(autood::test::encode("instance_norm", {}, point).sizes() == point.sizes());
}
