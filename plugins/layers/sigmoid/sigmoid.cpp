// Activation: logistic sigmoid, 1 / (1 + exp(-x)).
#include <ATen/ATen.h>

#include "autood/kit/elementwise.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_sigmoid(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::activation_choice("sigmoid", "logistic sigmoid, 1 / (1 + exp(-x))",
                                               [](const at::Tensor& x) { return at::sigmoid(x); }));
}

}  // namespace

AUTOOD_PLUGIN("sigmoid", "1.0.0", register_sigmoid)
