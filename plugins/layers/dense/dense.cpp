// The transform for tabular data [N, D]: a fully connected layer to `width` features; its
// decoder mirror maps the width back. Evaluated sample by sample (kit::linear_block), so that a
// saved model scores a sample as the search did whatever else is in its batch.
#include <torch/torch.h>

#include "autood/kit/blocks.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::sdk::Shape;

class Dense : public autood::sdk::LayerOp {
 public:
  explicit Dense(std::int64_t width) : width_(width) {}
  Shape encoder_output(const Shape&) const override { return Shape{{width_}}; }
  std::shared_ptr<autood::sdk::Block> make_encoder(const Shape& in) const override {
    return autood::kit::linear_block(in.channels(), width_);
  }
  std::shared_ptr<autood::sdk::Block> make_decoder(const Shape& in,
                                                   const Shape& out) const override {
    return autood::kit::linear_block(in.channels(), out.channels());
  }

 private:
  std::int64_t width_;
};

void register_dense(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "dense";
  choice.summary = "fully connected layer, for tabular data";
  choice.role = autood::sdk::Role::Transform;
  choice.ranks = {2};
  choice.decisions = {{"width", {4, 8, 16, 32, 64, 128}, "output features"}};
  choice.create = [](const autood::sdk::OpArgs& args) {
    return std::make_shared<Dense>(autood::sdk::arg(args, "width"));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("dense", "1.1.0", register_dense)
