#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("avg_pool: kernel 3, stride 2, padding 1 by hand, padding counted as zeros") {
  // 0..15 in a 4x4 map. The window at (0, 0) holds 0, 1, 4, 5 and five zeros of padding: 10 / 9;
  // at (2, 2) it holds 5, 6, 7, 9, 10, 11, 13, 14, 15: 90 / 9.
  auto x = torch::arange(16, torch::kDouble).view({1, 1, 4, 4});
  auto y = autood::test::encode("avg_pool", {{"kernel", 3}}, x).flatten();
  CHECK(y[0].item<double>() == doctest::Approx(10.0 / 9));
  CHECK(y[1].item<double>() == doctest::Approx(24.0 / 9));
  CHECK(y[2].item<double>() == doctest::Approx(51.0 / 9));
  CHECK(y[3].item<double>() == doctest::Approx(10.0));
  CHECK(autood::test::round_trip("avg_pool", {{"kernel", 5}}, x).sizes() == x.sizes());
  CHECK(autood::test::encode("avg_pool", {{"kernel", 1}}, x).equal(x));
}
