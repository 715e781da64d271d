#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("tanh: the hyperbolic tangent") {
  // tanh(-1) = -0.761594156, tanh(0.5) = 0.462117157
  autood::test::check_activation("tanh", {-1.0, 0.0, 0.5}, {-0.761594156, 0.0, 0.462117157});
}
