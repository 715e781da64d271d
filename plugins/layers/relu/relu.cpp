// The smallest layer op: an activation, with no decisions of its own. Copy this folder to add one.
#include <torch/torch.h>

#include "autood/sdk/blocks.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Relu : public autood::sdk::LayerOp {
 public:
  autood::sdk::Shape encoder_output(const autood::sdk::Shape& in) const override { return in; }
  std::shared_ptr<autood::sdk::Block> make_encoder(const autood::sdk::Shape&) const override {
    return autood::sdk::function_block("ReLU", [](const at::Tensor& x) { return torch::relu(x); });
  }
  std::shared_ptr<autood::sdk::Block> make_decoder(const autood::sdk::Shape& in,
                                                   const autood::sdk::Shape&) const override {
    return make_encoder(in);
  }
};

void register_relu(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "relu";
  choice.summary = "rectified linear unit, max(0, x)";
  choice.role = autood::sdk::Role::Activation;
  choice.ranks = {2, 4};
  choice.create = [](const autood::sdk::OpArgs&) { return std::make_shared<Relu>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("relu", "1.0.0", register_relu)
