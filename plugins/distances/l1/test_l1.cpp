#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/distance.hpp"

TEST_CASE("l1 is the mean absolute error per sample, and its map averages channels") {
  auto loaded = autood::test::load({autood::test::builtin_plugins()});
  auto l1 = loaded->registry.get<autood::sdk::DistanceChoice>("l1").create();
  auto x = torch::zeros({2, 2, 1, 2}, torch::kDouble);
  auto r =
      torch::tensor({1.0, -3.0, 2.0, 2.0, 0.0, 0.0, 0.0, -4.0}, torch::kDouble).view({2, 2, 1, 2});
  auto d = l1->per_sample(r, x);
  CHECK(d[0].item<double>() == doctest::Approx(2.0));  // (1 + 3 + 2 + 2) / 4
  CHECK(d[1].item<double>() == doctest::Approx(1.0));  // 4 / 4
  CHECK(l1->per_pixel(r, x)[0][0][1].item<double>() == doctest::Approx(2.5));  // (3 + 2) / 2
  auto series = torch::tensor({1.0, -2.0, 3.0, 0.0}, torch::kDouble).view({1, 2, 2});  // [N, C, L]
  CHECK(l1->per_pixel(series, torch::zeros_like(series))[0][1].item<double>() ==
        doctest::Approx(1.0));  // (2 + 0) / 2
}
