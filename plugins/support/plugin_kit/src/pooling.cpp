#include "autood/kit/pooling.hpp"

#include <torch/nn/functional/upsampling.h>

#include "autood/kit/blocks.hpp"
#include "autood/sdk/layer_op.hpp"

namespace autood::kit {
namespace {

class PoolingOp : public sdk::LayerOp {
 public:
  PoolingOp(std::string name, PoolFunction pool, std::int64_t kernel)
      : name_(std::move(name)), pool_(std::move(pool)), kernel_(kernel) {}

  sdk::Shape encoder_output(const sdk::Shape& in) const override {
    if (kernel_ == 1) return in;
    sdk::Shape out = in;  // the channels stay; every axis after them (time, or height and width)
    for (std::size_t axis = 1; axis < out.dims.size(); ++axis)
      out.dims[axis] = pooled_size(in.dims[axis], kernel_);
    return out;
  }
  std::shared_ptr<sdk::Block> make_encoder(const sdk::Shape&) const override {
    if (kernel_ == 1) return identity_block();
    return function_block(name_,
                          [pool = pool_, k = kernel_](const at::Tensor& x) { return pool(x, k); });
  }
  std::shared_ptr<sdk::Block> make_decoder(const sdk::Shape& in,
                                           const sdk::Shape& out) const override {
    if (in == out) return identity_block();
    std::vector<std::int64_t> size(out.dims.begin() + 1, out.dims.end());
    return function_block("Unpool", [size](const at::Tensor& x) {
      namespace F = torch::nn::functional;
      return F::interpolate(x, F::InterpolateFuncOptions().size(size).mode(torch::kNearest));
    });
  }

 private:
  std::string name_;
  PoolFunction pool_;
  std::int64_t kernel_;
};

}  // namespace

std::int64_t pooled_size(std::int64_t size, std::int64_t kernel) {
  if (kernel == 1) return size;
  return (size + 2 * (kernel / 2) - kernel) / 2 + 1;
}

sdk::LayerOpChoice pooling_choice(std::string name, std::string summary, PoolFunction pool,
                                  std::vector<int> ranks) {
  sdk::LayerOpChoice choice;
  choice.name = name;
  choice.summary = std::move(summary);
  choice.role = sdk::Role::Pool;
  choice.ranks = std::move(ranks);
  choice.decisions = {{"kernel", {1, 3, 5, 7}, "pooling kernel size; above 1 halves the size"}};
  choice.create = [name, pool](const sdk::OpArgs& args) {
    return std::make_shared<PoolingOp>(name, pool, sdk::arg(args, "kernel"));
  };
  return choice;
}

}  // namespace autood::kit
