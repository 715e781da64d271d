// Batch normalization over the channels: BatchNorm2d for images, BatchNorm1d for tables and
// series.
#include <torch/torch.h>

#include "autood/kit/blocks.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::sdk::Shape;

class BatchNorm : public autood::sdk::LayerOp {
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
    // BatchNorm1d takes [N, C] tables and [N, C, L] series alike.
    if (shape.batch_rank() <= 3)
      return autood::kit::module_block(torch::nn::BatchNorm1d(shape.channels()));
    return autood::kit::module_block(torch::nn::BatchNorm2d(shape.channels()));
  }
};

void register_batch_norm(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "batch_norm";
  choice.summary = "batch normalization";
  choice.role = autood::sdk::Role::Norm;
  choice.ranks = {2, 3, 4};
  choice.create = [](const autood::sdk::OpArgs&) { return std::make_shared<BatchNorm>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("batch_norm", "1.0.0", register_batch_norm)
