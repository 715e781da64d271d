// Activation: min(max(0, x), 6).
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_relu6(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::activation_choice(
      "relu6", "min(max(0, x), 6)", [](const at::Tensor& x) { return at::hardtanh(x, 0.0, 6.0); }));
}

}  // namespace

AUTOOD_PLUGIN("relu6", "1.0.0", register_relu6)
