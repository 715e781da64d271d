// The convolution of the cell: stride 1 and same padding, so that it keeps the spatial size.
//
// Its decoder mirror is a stride-1 transposed convolution. That equals a plain convolution with
// the kernel flipped and transposed, and padding k-1-p = p; since the decoder's weights are
// learnt anyway, it is built as that Conv2d, which LibTorch runs several times faster on CPU
// than ConvTranspose2d at stride 1.
#include <torch/torch.h>

#include "autood/kit/blocks.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::sdk::Shape;

class Conv : public autood::sdk::LayerOp {
 public:
  Conv(std::int64_t channels, std::int64_t kernel) : channels_(channels), kernel_(kernel) {
    if (kernel % 2 == 0) throw autood::sdk::Rejected("conv needs an odd kernel for same padding");
  }

  Shape encoder_output(const Shape& in) const override {
    return Shape{{channels_, in.dims[1], in.dims[2]}};
  }
  std::shared_ptr<autood::sdk::Block> make_encoder(const Shape& in) const override {
    return conv(in.channels(), channels_);
  }
  std::shared_ptr<autood::sdk::Block> make_decoder(const Shape& in,
                                                   const Shape& out) const override {
    return conv(in.channels(), out.channels());
  }

 private:
  std::shared_ptr<autood::sdk::Block> conv(std::int64_t from, std::int64_t to) const {
    auto options = torch::nn::Conv2dOptions(from, to, kernel_).stride(1).padding(kernel_ / 2);
    return autood::kit::module_block(torch::nn::Conv2d(options));
  }

  std::int64_t channels_;
  std::int64_t kernel_;
};

void register_conv(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "conv";
  choice.summary = "2-D convolution, stride 1, same padding";
  choice.role = autood::sdk::Role::Transform;
  choice.ranks = {4};
  choice.decisions = {{"channels", {3, 8, 16, 32, 64, 128, 256}, "output channels"},
                      {"kernel", {1, 3, 5, 7}, "kernel size"}};
  choice.create = [](const autood::sdk::OpArgs& args) {
    return std::make_shared<Conv>(autood::sdk::arg(args, "channels"),
                                  autood::sdk::arg(args, "kernel"));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("conv", "1.0.0", register_conv)
