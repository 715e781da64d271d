#include "autood/kit/blocks.hpp"

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

}  // namespace

std::shared_ptr<sdk::Block> function_block(std::string name,
                                           std::function<at::Tensor(const at::Tensor&)> function) {
  return std::make_shared<FunctionBlock>(std::move(name), std::move(function));
}

std::shared_ptr<sdk::Block> identity_block() {
  return function_block("Identity", [](const at::Tensor& x) { return x; });
}

}  // namespace autood::kit
