// The transform of a series cell: a 1-D convolution over time, stride 1 and same padding, so
// that it keeps the window's length and changes only the channels. Dilation widens the receptive
// field without more weights, which periodic signals need.
//
// The decoder mirror is a stride-1 transposed convolution, which equals a plain convolution with
// the same padding (the weights are learnt either way), so it is built as a Conv1d.
#include <torch/torch.h>

#include "autood/kit/blocks.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::sdk::Shape;

class Conv1d : public autood::sdk::LayerOp {
 public:
  Conv1d(std::int64_t channels, std::int64_t kernel, std::int64_t dilation)
      : channels_(channels), kernel_(kernel), dilation_(dilation) {
    if (kernel % 2 == 0) throw autood::sdk::Rejected("conv1d needs an odd kernel for same padding");
  }

  Shape encoder_output(const Shape& in) const override {
    if (in.dims.size() != 2) throw autood::sdk::Rejected("conv1d takes series [C, L]");
    if (dilation_ * (kernel_ - 1) >= in.dims[1])
      throw autood::sdk::Rejected("conv1d's dilated kernel spans more than the window");
    return Shape{{channels_, in.dims[1]}};
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
    auto options = torch::nn::Conv1dOptions(from, to, kernel_)
                       .stride(1)
                       .dilation(dilation_)
                       .padding(dilation_ * (kernel_ / 2));
    return autood::kit::module_block(torch::nn::Conv1d(options));
  }

  std::int64_t channels_;
  std::int64_t kernel_;
  std::int64_t dilation_;
};

void register_conv1d(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "conv1d";
  choice.summary = "1-D convolution over time, stride 1, same padding";
  choice.role = autood::sdk::Role::Transform;
  choice.ranks = {3};
  choice.decisions = {{"channels", {4, 8, 16, 32, 64}, "output channels"},
                      {"kernel", {3, 5, 7, 9}, "kernel size (odd)"},
                      {"dilation", {1, 2, 4}, "spacing of the kernel's taps"}};
  choice.create = [](const autood::sdk::OpArgs& args) {
    return std::make_shared<Conv1d>(autood::sdk::arg(args, "channels"),
                                    autood::sdk::arg(args, "kernel"),
                                    autood::sdk::arg(args, "dilation"));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("conv1d", "1.0.0", register_conv1d)
