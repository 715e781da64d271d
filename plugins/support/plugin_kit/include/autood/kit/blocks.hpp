#pragma once
// Ready-made blocks, so that a layer op plugin stays a few lines long.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "autood/sdk/module.hpp"

namespace autood::kit {

// A block without parameters, such as an activation or a pooling step.
std::shared_ptr<sdk::Block> function_block(std::string name,
                                           std::function<at::Tensor(const at::Tensor&)> function);

std::shared_ptr<sdk::Block> identity_block();

// A block around a LibTorch module, such as torch::nn::Conv2d.
template <typename ModuleHolder>
class ModuleBlock : public sdk::Block {
 public:
  explicit ModuleBlock(ModuleHolder inner) : inner_(register_module("inner", std::move(inner))) {}
  at::Tensor forward(const at::Tensor& x) override { return inner_->forward(x); }

 private:
  ModuleHolder inner_;
};

template <typename ModuleHolder>
std::shared_ptr<sdk::Block> module_block(ModuleHolder inner) {
  return std::make_shared<ModuleBlock<ModuleHolder>>(std::move(inner));
}

// A fully connected layer (torch::nn::Linear, its parameters "inner.weight" and "inner.bias")
// whose output for a sample never depends on the other samples of its batch. Training multiplies
// the batch at once; evaluation multiplies each sample on its own, because BLAS rounds a row of a
// batched product by its position in the batch (OpenBLAS's sgemm moved a row by up to 5e-6 when
// the batch was rolled by one), and a saved model must score a sample as the search did.
std::shared_ptr<sdk::Block> linear_block(std::int64_t in_features, std::int64_t out_features);

}  // namespace autood::kit
