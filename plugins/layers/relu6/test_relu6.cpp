#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("relu6: min(max(0, x), 6)") {
  autood::test::check_activation("relu6", {-2.0, 3.0, 7.5}, {0.0, 3.0, 6.0});
}
