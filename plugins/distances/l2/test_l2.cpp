#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/distance.hpp"

TEST_CASE("l2 is the mean squared error per sample, and its map averages channels") {
  auto loaded = autood::test::load({autood::test::builtin_plugins()});
  auto l2 = loaded->registry.get<autood::sdk::DistanceChoice>("l2").create();
  auto x = torch::zeros({1, 2, 1, 2}, torch::kDouble);
  auto r = torch::tensor({1.0, -3.0, 2.0, 2.0}, torch::kDouble).view({1, 2, 1, 2});
  CHECK(l2->per_sample(r, x).item<double>() == doctest::Approx(4.5));  // (1 + 9 + 4 + 4) / 4
  CHECK(l2->per_pixel(r, x)[0][0][1].item<double>() == doctest::Approx(6.5));  // (9 + 4) / 2
  auto row = torch::tensor({{3.0, 4.0}}, torch::kDouble);
  CHECK(l2->per_sample(row, torch::zeros_like(row)).item<double>() == doctest::Approx(12.5));
  auto series = torch::tensor({1.0, 2.0, 3.0, 0.0}, torch::kDouble).view({1, 2, 2});  // [N, C, L]
  CHECK(l2->per_pixel(series, torch::zeros_like(series)).sizes() == torch::IntArrayRef{1, 2});
  CHECK(l2->per_pixel(series, torch::zeros_like(series))[0][0].item<double>() ==
        doctest::Approx(5.0));  // (1 + 9) / 2
  CHECK(l2->per_sample(series, torch::zeros_like(series)).item<double>() == doctest::Approx(3.5));
}
