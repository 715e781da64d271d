#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("leaky_relu: max(0, x) + 0.01 min(0, x)") {
  autood::test::check_activation("leaky_relu", {-2.0, 0.0, 3.0}, {-0.02, 0.0, 3.0});
}
