#include <doctest/doctest.h>

#include "OpSupport.hpp"

TEST_CASE("dense: W x + b by hand, and the decoder maps back to the input width") {
  auto x = torch::tensor({{1.0f, 2.0f, 3.0f}});
  auto dense = autood::test::encoder_of("dense", {{"width", 4}}, x);
  {
    torch::NoGradGuard no_grad;
    for (auto& parameter : dense->parameters()) parameter.fill_(parameter.dim() > 1 ? 1.0 : 0.5);
  }
  CHECK(dense->forward(x).equal(torch::full({1, 4}, 6.5f)));  // 1 + 2 + 3 + 0.5
  CHECK(autood::test::round_trip("dense", {{"width", 4}}, x).sizes() == x.sizes());
}
