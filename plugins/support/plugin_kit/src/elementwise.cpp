#include "autood/kit/elementwise.hpp"

#include "autood/kit/blocks.hpp"
#include "autood/sdk/layer_op.hpp"

namespace autood::kit {
namespace {

class ElementwiseOp : public sdk::LayerOp {
 public:
  ElementwiseOp(std::string name, std::function<at::Tensor(const at::Tensor&)> function)
      : name_(std::move(name)), function_(std::move(function)) {}
  sdk::Shape encoder_output(const sdk::Shape& in) const override { return in; }
  std::shared_ptr<sdk::Block> make_encoder(const sdk::Shape&) const override {
    return function_block(name_, function_);
  }
  std::shared_ptr<sdk::Block> make_decoder(const sdk::Shape&, const sdk::Shape&) const override {
    return function_block(name_, function_);
  }

 private:
  std::string name_;
  std::function<at::Tensor(const at::Tensor&)> function_;
};

}  // namespace

sdk::LayerOpChoice activation_choice(std::string name, std::string summary,
                                     std::function<at::Tensor(const at::Tensor&)> function) {
  sdk::LayerOpChoice choice;
  choice.name = name;
  choice.summary = std::move(summary);
  choice.role = sdk::Role::Activation;
  choice.ranks = {};  // element-wise: any rank
  choice.create = [name, function](const sdk::OpArgs&) {
    return std::make_shared<ElementwiseOp>(name, function);
  };
  return choice;
}

}  // namespace autood::kit
