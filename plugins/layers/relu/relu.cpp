// The smallest plugin: one activation. Copy this folder to add another.
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_relu(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::activation_choice("relu", "rectified linear unit, max(0, x)",
                                               [](const at::Tensor& x) { return at::relu(x); }));
}

}  // namespace

AUTOOD_PLUGIN("relu", "1.0.0", register_relu)
