#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("linear: the identity") {
  autood::test::check_activation("linear", {-2.5, 0.0, 4.0}, {-2.5, 0.0, 4.0});
}
