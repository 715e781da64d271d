#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("elu: x for x > 0, exp(x) - 1 otherwise") {
  // exp(-1) - 1 = -0.632120559
  autood::test::check_activation("elu", {-1.0, 0.0, 2.0}, {-0.632120559, 0.0, 2.0});
}
