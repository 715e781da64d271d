// Instance normalization: each sample's channels normalized over their own pixels, with a
// learnt scale and shift. Images only: a table row has no pixels to normalize over.
#include <torch/torch.h>

#include "autood/kit/blocks.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::sdk::Shape;

class InstanceNorm : public autood::sdk::LayerOp {
 public:
  Shape encoder_output(const Shape& in) const override { return in; }
  std::shared_ptr<autood::sdk::Block> make_encoder(const Shape& in) const override {
    return norm(in);
  }
  std::shared_ptr<autood::sdk::Block> make_decoder(const Shape& in, const Shape&) const override {
    return norm(in);
  }

 private:
  static std::shared_ptr<autood::sdk::Block> norm(const Shape& shape) {
    // A 1x1 map has no spread to normalize; the affine part alone keeps it trainable.
    if (shape.dims[1] * shape.dims[2] == 1) {
      return autood::kit::module_block(
          torch::nn::Conv2d(torch::nn::Conv2dOptions(shape.channels(), shape.channels(), 1)
                                .groups(shape.channels())));
    }
    return autood::kit::module_block(
        torch::nn::InstanceNorm2d(torch::nn::InstanceNorm2dOptions(shape.channels()).affine(true)));
  }
};

void register_instance_norm(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "instance_norm";
  choice.summary = "instance normalization with a learnt affine";
  choice.role = autood::sdk::Role::Norm;
  choice.ranks = {4};
  choice.create = [](const autood::sdk::OpArgs&) { return std::make_shared<InstanceNorm>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("instance_norm", "1.0.0", register_instance_norm)
