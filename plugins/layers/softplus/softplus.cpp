// Activation: log(1 + exp(x)).
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_softplus(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::activation_choice(
      "softplus", "log(1 + exp(x))", [](const at::Tensor& x) { return at::softplus(x, 1, 20); }));
}

}  // namespace

AUTOOD_PLUGIN("softplus", "1.0.0", register_softplus)
