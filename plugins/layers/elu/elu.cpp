// Activation: x for x > 0, exp(x) - 1 otherwise.
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_elu(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::activation_choice("elu", "x for x > 0, exp(x) - 1 otherwise",
                                               [](const at::Tensor& x) { return at::elu(x); }));
}

}  // namespace

AUTOOD_PLUGIN("elu", "1.0.0", register_elu)
