#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/distance.hpp"

TEST_CASE("l2,1 sums the l2 norms of the residual's rows, channels stacked") {
  auto loaded = autood::test::load({autood::test::builtin_plugins()});
  auto l21 = loaded->registry.get<autood::sdk::DistanceChoice>("l2_1").create();
  // One sample, 2 channels of 2x2. Residual rows: [3, 4], [0, 0] in channel 0 and [1, 0],
  // [0, 2] in channel 1: norms 5, 0, 1, 2, so l2,1 = 8 (l2 would give (9+16+1+4)/8 = 3.75).
  auto x = torch::zeros({1, 2, 2, 2}, torch::kDouble);
  auto r =
      torch::tensor({3.0, 4.0, 0.0, 0.0, 1.0, 0.0, 0.0, 2.0}, torch::kDouble).view({1, 2, 2, 2});
  // The all-zero row adds sqrt(1e-12), the epsilon that keeps its gradient finite.
  CHECK(l21->per_sample(r, x).item<double>() == doctest::Approx(8.0 + 1e-6).epsilon(1e-12));
  // Per pixel: the norm across channels, sqrt(9 + 1) at the top left.
  CHECK(l21->per_pixel(r, x)[0][0][0].item<double>() == doctest::Approx(std::sqrt(10.0)));
  // A table row is one row.
  auto row = torch::tensor({{6.0, 8.0}}, torch::kDouble);
  CHECK(l21->per_sample(row, torch::zeros_like(row)).item<double>() == doctest::Approx(10.0));
  // The gradient stays finite at a perfect reconstruction.
  auto same = x.clone().requires_grad_(true);
  l21->per_sample(same, x).sum().backward();
  CHECK(torch::isfinite(same.grad()).all().item<bool>());
}
