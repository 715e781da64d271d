#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "TestSupport.hpp"

using namespace autood;

TEST_CASE("blur: a single bright pixel spreads into the Gaussian kernel, by hand") {
  auto loaded = test::load({test::builtin_plugins()});
  auto delta = torch::zeros({1, 1, 9, 9});
  delta[0][0][4][4] = 1;
  auto made = test::generate_with(loaded->registry, "blur", {{"sigma", {1.0, "test"}}}, delta);
  const auto out = made.samples[0][0];
  // sigma 1, radius 3: weights exp(-x^2 / 2) / Z for x = -3..3, Z = 1 + 2 (e^-0.5 + e^-2 + e^-4.5)
  // = 2.5059; w0 = 0.3990503, w1 = 0.2420362, w3 = 0.0044330. Pixel (4 + a, 4 + b) = w_a w_b.
  CHECK(out[4][4].item<float>() == doctest::Approx(0.1592411).epsilon(1e-5));
  CHECK(out[4][5].item<float>() == doctest::Approx(0.0965846).epsilon(1e-5));
  CHECK(out[5][5].item<float>() == doctest::Approx(0.0585815).epsilon(1e-5));
  CHECK(out[4][7].item<float>() == doctest::Approx(0.0017690).epsilon(1e-4));
  CHECK(out[4][8].item<float>() == 0.0f);  // beyond the radius
  CHECK(out.sum().item<float>() == doctest::Approx(1.0).epsilon(1e-5));
  CHECK_FALSE(made.masks.defined());
  // The border is repeated outward, so a flat image stays flat.
  auto flat = torch::full({1, 2, 5, 5}, 0.25);
  CHECK(torch::allclose(test::generate_with(loaded->registry, "blur", {}, flat).samples, flat));
}
