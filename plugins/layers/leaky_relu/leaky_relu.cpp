// Activation: max(0, x) + 0.01 min(0, x).
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_leaky_relu(autood::sdk::Registrar& registrar) {
  registrar.add(
      autood::kit::activation_choice("leaky_relu", "max(0, x) + 0.01 min(0, x)",
                                     [](const at::Tensor& x) { return at::leaky_relu(x, 0.01); }));
}

}  // namespace

AUTOOD_PLUGIN("leaky_relu", "1.0.0", register_leaky_relu)
