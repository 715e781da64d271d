#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE(
    "max_pool: kernel 3, stride 2, padding 1 by hand, and the decoder unpools to the exact size") {
  // 0..15 in a 4x4 map; the windows centre on (0, 0), (0, 2), (2, 0), (2, 2).
  auto x = torch::arange(16, torch::kDouble).view({1, 1, 4, 4});
  auto y = autood::test::encode("max_pool", {{"kernel", 3}}, x);
  CHECK(y.equal(torch::tensor({5.0, 7.0, 13.0, 15.0}, torch::kDouble).view({1, 1, 2, 2})));
  auto back = autood::test::round_trip("max_pool", {{"kernel", 3}}, x);
  CHECK(back.sizes() == x.sizes());
  CHECK(back[0][0][1][1].item<double>() == 5.0);  // nearest neighbour of (0, 0)
  CHECK(back[0][0][3][2].item<double>() == 15.0);
  CHECK(autood::test::encode("max_pool", {{"kernel", 1}}, x).equal(x));
}
