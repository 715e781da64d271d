#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("sigmoid: 1 / (1 + exp(-x))") {
  // 1 / (1 + e^2) = 0.119202922
  autood::test::check_activation("sigmoid", {-2.0, 0.0, 2.0}, {0.119202922, 0.5, 0.880797078});
}
