#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("conv: same padding by hand, with all weights 1 and no bias, and the decoder mirrors") {
  auto x = torch::ones({1, 1, 4, 4});
  auto conv = autood::test::encoder_of("conv", {{"channels", 3}, {"kernel", 3}}, x);
  {
    torch::NoGradGuard no_grad;
    for (auto& parameter : conv->parameters()) parameter.fill_(parameter.dim() > 1 ? 1.0 : 0.0);
  }
  auto y = conv->forward(x);
  CHECK(y.sizes() == torch::IntArrayRef{1, 3, 4, 4});
  CHECK(y[0][2][0][0].item<float>() == 4.0f);  // a corner sees 2 x 2 ones
  CHECK(y[0][2][0][1].item<float>() == 6.0f);  // an edge 2 x 3
  CHECK(y[0][2][1][1].item<float>() == 9.0f);  // the inside 3 x 3
  CHECK(autood::test::round_trip("conv", {{"channels", 3}, {"kernel", 5}}, x).sizes() == x.sizes());
}
