#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "ImageWriter.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"

using namespace autood;
using namespace autood::test;
namespace fs = std::filesystem;

TEST_CASE("mvtec: the layout's images, test split and masks") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("mvtec");
  write_mvtec(dir / "bottle", 16, 5, 2, 3);
  auto data = load_with(loaded->registry, "mvtec", image_options(dir / "bottle", 8, 1));
  REQUIRE(data.samples.sizes() == torch::IntArrayRef({10, 1, 8, 8}));
  REQUIRE(data.masks.sizes() == torch::IntArrayRef({10, 1, 8, 8}));
  CHECK(data.test_split.sum().item<std::int64_t>() == 5);
  CHECK(data.labels.sum().item<std::int64_t>() == 3);
  // A 4x4 square at 16x16 is 2x2 at 8x8, by nearest neighbour: 4 mask pixels per defect.
  CHECK(data.masks.sum().item<float>() == doctest::Approx(12.0));
  CHECK(data.masks.slice(0, 0, 7).sum().item<float>() == 0.0);
}
