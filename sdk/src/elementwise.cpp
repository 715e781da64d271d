#include "autood/sdk/elementwise.hpp"

#include "autood/sdk/blocks.hpp"
#include "autood/sdk/layer_op.hpp"

namespace autood::sdk {
namespace {

class ElementwiseOp : public LayerOp {
 public:
  ElementwiseOp(std::string name, std::function<at::Tensor(const at::Tensor&)> function)
      : name_(std::move(name)), function_(std::move(function)) {}
  Shape encoder_output(const Shape& in) const override { return in; }
  std::shared_ptr<Block> make_encoder(const Shape&) const override {
    return function_block(name_, function_);
  }
  std::shared_ptr<Block> make_decoder(const Shape&, const Shape&) const override {
    return function_block(name_, function_);
  }

 private:
  std::string name_;
  std::function<at::Tensor(const at::Tensor&)> function_;
};

}  // namespace

LayerOpChoice activation_choice(std::string name, std::string summary,
                                std::function<at::Tensor(const at::Tensor&)> function) {
  LayerOpChoice choice;
  choice.name = name;
  choice.summary = std::move(summary);
  choice.role = Role::Activation;
  choice.ranks = {};  // element-wise: any rank
  choice.create = [name, function](const OpArgs&) {
    return std::make_shared<ElementwiseOp>(name, function);
  };
  return choice;
}

}  // namespace autood::sdk
