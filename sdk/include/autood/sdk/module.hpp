#pragma once
// A trainable piece of a child model. Layer ops and hypotheses produce these; the host composes
// them, trains their parameters and saves them with the model.
#include <torch/nn/module.h>

#include "autood/sdk/export.hpp"

namespace autood::sdk {

class AUTOOD_SDK_API Block : public torch::nn::Module {
 public:
  Block() = default;
  explicit Block(std::string name) : torch::nn::Module(std::move(name)) {}
  ~Block() override;
  virtual at::Tensor forward(const at::Tensor& x) = 0;
};

}  // namespace autood::sdk
