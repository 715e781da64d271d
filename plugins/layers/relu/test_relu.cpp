#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("relu: max(0, x)") {
  autood::test::check_activation("relu", {-2.0, 0.0, 3.0}, {0.0, 0.0, 3.0});
}
