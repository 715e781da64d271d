#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("softplus: log(1 + exp(x))") {
  // log(1 + e^-2) = 0.126928011, log 2; above the threshold 20 it is x itself
  autood::test::check_activation("softplus", {-2.0, 0.0, 30.0}, {0.126928011, 0.693147181, 30.0});
}
