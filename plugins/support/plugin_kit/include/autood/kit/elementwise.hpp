#pragma once
// Elementwise layer ops (activations) differ only in their function; this builds their choice.
#include <ATen/core/Tensor.h>

#include <functional>
#include <string>

#include "autood/sdk/choices.hpp"

namespace autood::kit {

// An activation op: the same function in the encoder and in the decoder, on any rank.
sdk::LayerOpChoice activation_choice(std::string name, std::string summary,
                                     std::function<at::Tensor(const at::Tensor&)> function);

}  // namespace autood::kit
