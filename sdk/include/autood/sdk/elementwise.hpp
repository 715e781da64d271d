#pragma once
// Elementwise layer ops (activations) differ only in their function; this builds their choice.
#include <functional>
#include <string>

#include <ATen/core/Tensor.h>

#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace autood::sdk {

// An activation op: the same function in the encoder and in the decoder, on any rank.
AUTOOD_SDK_API LayerOpChoice activation_choice(std::string name, std::string summary,
                                               std::function<at::Tensor(const at::Tensor&)> function);

}  // namespace autood::sdk
