#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("batch_norm: per channel over the batch (and time, and space), biased variance") {
  // Channel 0 holds 1, 2, 3, 4: mean 2.5, variance 1.25, so 1 -> -1.5 / sqrt(1.25 + 1e-5).
  const double low = -1.5 / std::sqrt(1.25 + 1e-5);
  auto values = torch::tensor({1.0, 2.0, 3.0, 4.0}, torch::kFloat);
  auto table = torch::stack({values, 10 * values}, 1);                        // [4, 2]
  auto series = torch::stack({values.view({2, 2}), values.view({2, 2})}, 1);  // [2, 2, 2]
  auto image = values.view({1, 1, 2, 2});                                     // [1, 1, 2, 2]
  for (const auto& x : {table, series, image}) {
    CAPTURE(x.dim());
    auto y = autood::test::encode("batch_norm", {}, x);
    CHECK(y.sizes() == x.sizes());
    CHECK(y.flatten()[0].item<double>() == doctest::Approx(low).epsilon(1e-5));
  }
  // Channel 1 of the table is ten times channel 0 and normalises to the same values.
  auto y = autood::test::encode("batch_norm", {}, table);
  CHECK(torch::allclose(y.select(1, 0), y.select(1, 1), 1e-4, 1e-5));
}
