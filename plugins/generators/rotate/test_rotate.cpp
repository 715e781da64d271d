#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "TestSupport.hpp"

using namespace autood;

TEST_CASE("rotate: quarter turns counter-clockwise, and only angles the images allow") {
  auto loaded = test::load({test::builtin_plugins()});
  auto image = torch::tensor({1.0f, 2.0f, 3.0f, 4.0f}).reshape({1, 1, 2, 2});
  auto angles = [](std::vector<std::int64_t> list) {
    return RawOptions{{"angles", {std::move(list), "test"}}};
  };
  // [[1, 2], [3, 4]] turned by 90 degrees: [[2, 4], [1, 3]]; by 180: [[4, 3], [2, 1]].
  auto quarter = test::generate_with(loaded->registry, "rotate", angles({90}), image);
  CHECK(torch::equal(quarter.samples.flatten(), torch::tensor({2.0f, 4.0f, 1.0f, 3.0f})));
  auto half = test::generate_with(loaded->registry, "rotate", angles({180}), image);
  CHECK(torch::equal(half.samples.flatten(), torch::tensor({4.0f, 3.0f, 2.0f, 1.0f})));
  CHECK(test::contains(test::generate_error(loaded->registry, "rotate", angles({135}), image),
                       "data.generator.rotate.angles holds 135; valid: 90, 180, 270"));
  auto wide = torch::rand({1, 1, 2, 3});
  CHECK(test::contains(test::generate_error(loaded->registry, "rotate", angles({90}), wide),
                       "valid: 180 (the images are not square)"));
}
