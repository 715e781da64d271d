#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "TestSupport.hpp"

using namespace autood;
using torch::indexing::Slice;

TEST_CASE("cutpaste: a patch of the image pasted elsewhere, and only there, marked by the mask") {
  auto loaded = test::load({test::builtin_plugins()});
  // Every pixel distinct, so that the pasted patch's origin can be found.
  const auto image = torch::arange(2 * 36, torch::kFloat).div(72).reshape({2, 1, 6, 6});
  auto made =
      test::generate_with(loaded->registry, "cutpaste", {{"patch", {0.5, "test"}}}, image, 3);
  for (int i = 0; i < 2; ++i) {
    CAPTURE(i);
    const auto mask = made.masks[i][0];
    // patch 0.5 of 6 pixels: a 3x3 square.
    REQUIRE(mask.sum().item<float>() == 9.0f);
    const auto where = mask.nonzero();
    const auto ty = where.select(1, 0).min().item<std::int64_t>();
    const auto tx = where.select(1, 1).min().item<std::int64_t>();
    CHECK(where.select(1, 0).max().item<std::int64_t>() == ty + 2);
    CHECK(where.select(1, 1).max().item<std::int64_t>() == tx + 2);
    // Outside the square nothing changed.
    CHECK(torch::equal(made.samples[i][0].masked_select(mask == 0),
                       image[i][0].masked_select(mask == 0)));
    // Inside it sits the 3x3 block of the same image that starts elsewhere.
    const auto pasted = made.samples[i][0].index({Slice(ty, ty + 3), Slice(tx, tx + 3)});
    int origins = 0;
    for (int fy = 0; fy <= 3; ++fy)
      for (int fx = 0; fx <= 3; ++fx)
        origins += (fy != ty || fx != tx) &&
                   torch::equal(pasted, image[i][0].index({Slice(fy, fy + 3), Slice(fx, fx + 3)}));
    CHECK(origins == 1);
  }
  CHECK(test::contains(
      test::generate_error(loaded->registry, "cutpaste", {{"patch", {0.95, "test"}}}, image),
      "makes a patch of side 6 on images of 6x6; it must be at least 1 pixel and smaller"));
}
