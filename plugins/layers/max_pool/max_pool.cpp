// Max pooling; the shape rule and the unpooling come with pooling_choice.
#include <ATen/ATen.h>

#include "autood/kit/pooling.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_max_pool(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::pooling_choice(
      "max_pool", "max pooling", [](const at::Tensor& x, std::int64_t k) {
        return at::max_pool2d(x, {k, k}, {2, 2}, {k / 2, k / 2});
      }));
}

}  // namespace

AUTOOD_PLUGIN("max_pool", "1.0.0", register_max_pool)
