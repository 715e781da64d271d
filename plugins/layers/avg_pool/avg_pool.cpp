// Average pooling. A kernel k > 1 halves the spatial size (stride 2, padding k/2); k = 1 is the
// identity. The decoder unpools by nearest-neighbour resizing to the size the encoder recorded.
#include <torch/torch.h>

#include "autood/sdk/blocks.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using autood::sdk::Shape;

std::int64_t pooled(std::int64_t size, std::int64_t k) { return (size + 2 * (k / 2) - k) / 2 + 1; }

class AvgPool : public autood::sdk::LayerOp {
 public:
  explicit AvgPool(std::int64_t kernel) : kernel_(kernel) {}

  Shape encoder_output(const Shape& in) const override {
    if (kernel_ == 1) return in;
    return Shape{{in.dims[0], pooled(in.dims[1], kernel_), pooled(in.dims[2], kernel_)}};
  }
  std::shared_ptr<autood::sdk::Block> make_encoder(const Shape&) const override {
    if (kernel_ == 1) return autood::sdk::identity_block();
    auto options = torch::nn::AvgPool2dOptions(kernel_).stride(2).padding(kernel_ / 2);
    return autood::sdk::module_block(torch::nn::AvgPool2d(options));
  }
  std::shared_ptr<autood::sdk::Block> make_decoder(const Shape& in, const Shape& out) const override {
    if (in == out) return autood::sdk::identity_block();
    std::vector<std::int64_t> size{out.dims[1], out.dims[2]};
    return autood::sdk::function_block("Unpool", [size](const at::Tensor& x) {
      namespace F = torch::nn::functional;
      return F::interpolate(x, F::InterpolateFuncOptions().size(size).mode(torch::kNearest));
    });
  }

 private:
  std::int64_t kernel_;
};

void register_avg_pool(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "avg_pool";
  choice.summary = "average pooling, stride 2 for kernels above 1";
  choice.role = autood::sdk::Role::Pool;
  choice.ranks = {4};
  choice.decisions = {{"kernel", {1, 3, 5, 7}, "pooling kernel size"}};
  choice.create = [](const autood::sdk::OpArgs& args) {
    return std::make_shared<AvgPool>(autood::sdk::arg(args, "kernel"));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("avg_pool", "1.0.0", register_avg_pool)
