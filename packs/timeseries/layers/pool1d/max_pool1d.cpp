// Max pooling over time. The plugin kit's pooling_choice brings the shape rule (a kernel above 1
// halves the length) and the decoder's unpooling to the exact length; this gives the function.
#include <ATen/ATen.h>

#include "autood/kit/pooling.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_max_pool1d(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::pooling_choice(
      "max_pool1d", "max pooling over time",
      [](const at::Tensor& x, std::int64_t k) { return at::max_pool1d(x, {k}, {2}, {k / 2}); },
      /*ranks=*/{3}));
}

}  // namespace

AUTOOD_PLUGIN("max_pool1d", "1.0.0", register_max_pool1d)
