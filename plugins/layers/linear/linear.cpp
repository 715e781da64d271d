// Activation: the identity, f(x) = x.
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_linear(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::activation_choice("linear", "the identity, f(x) = x",
                                               [](const at::Tensor& x) { return x; }));
}

}  // namespace

AUTOOD_PLUGIN("linear", "1.0.0", register_linear)
