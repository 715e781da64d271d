// Activation: hyperbolic tangent.
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_tanh(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::activation_choice("tanh", "hyperbolic tangent",
                                               [](const at::Tensor& x) { return at::tanh(x); }));
}

}  // namespace

AUTOOD_PLUGIN("tanh", "1.0.0", register_tanh)
