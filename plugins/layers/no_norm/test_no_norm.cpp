#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("no_norm: the identity in the encoder and the decoder, on every rank") {
  for (auto x : {torch::randn({2, 3}), torch::randn({2, 3, 5}), torch::randn({2, 3, 4, 4})}) {
    CHECK(autood::test::encode("no_norm", {}, x).equal(x));
    CHECK(autood::test::round_trip("no_norm", {}, x).equal(x));
  }
}
