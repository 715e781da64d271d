#include "autood/kit/blocks.hpp"

#include <torch/torch.h>

#include <vector>

namespace autood::kit {
namespace {

class FunctionBlock : public sdk::Block {
 public:
  FunctionBlock(std::string name, std::function<at::Tensor(const at::Tensor&)> function)
      : sdk::Block(std::move(name)), function_(std::move(function)) {}
  at::Tensor forward(const at::Tensor& x) override { return function_(x); }

 private:
  std::function<at::Tensor(const at::Tensor&)> function_;
};

class LinearBlock : public sdk::Block {
 public:
  LinearBlock(std::int64_t in, std::int64_t out)
      : sdk::Block("Linear"), inner_(register_module("inner", torch::nn::Linear(in, out))) {}
  at::Tensor forward(const at::Tensor& x) override {
    if (is_training() || x.dim() != 2 || x.size(0) == 0) return inner_->forward(x);
    std::vector<at::Tensor> rows;
    rows.reserve(static_cast<std::size_t>(x.size(0)));
    for (const auto& row : x.unbind(0)) rows.push_back(torch::mv(inner_->weight, row));
    return torch::stack(rows) + inner_->bias;
  }

 private:
  torch::nn::Linear inner_;
};

}  // namespace

std::shared_ptr<sdk::Block> function_block(std::string name,
                                           std::function<at::Tensor(const at::Tensor&)> function) {
  return std::make_shared<FunctionBlock>(std::move(name), std::move(function));
}

std::shared_ptr<sdk::Block> identity_block() {
  return function_block("Identity", [](const at::Tensor& x) { return x; });
}

std::shared_ptr<sdk::Block> linear_block(std::int64_t in_features, std::int64_t out_features) {
  return std::make_shared<LinearBlock>(in_features, out_features);
}

}  // namespace autood::kit
