#pragma once
// What the pack's two pooling ops share: the shape rule and the decoder's unpooling, the 1-D
// counterpart of the SDK's pooling_choice for images.
//   - A kernel k > 1 halves the length: stride 2, padding k/2.
//   - A kernel of 1 is the identity.
//   - The decoder unpools by nearest-neighbour resizing to the exact length the encoder saw.
#include <torch/torch.h>

#include <functional>
#include <string>

#include "autood/kit/blocks.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/layer_op.hpp"

namespace timeseries {

// pool(x, k) must apply kernel k with stride 2 and padding k/2 to [N, C, L].
using Pool1dFunction = std::function<at::Tensor(const at::Tensor& x, std::int64_t kernel)>;

inline std::int64_t pooled_length(std::int64_t length, std::int64_t kernel) {
  if (kernel == 1) return length;
  return (length + 2 * (kernel / 2) - kernel) / 2 + 1;
}

class Pool1dOp : public autood::sdk::LayerOp {
 public:
  Pool1dOp(std::string name, Pool1dFunction pool, std::int64_t kernel)
      : name_(std::move(name)), pool_(std::move(pool)), kernel_(kernel) {}

  autood::sdk::Shape encoder_output(const autood::sdk::Shape& in) const override {
    if (in.dims.size() != 2) throw autood::sdk::Rejected(name_ + " takes series [C, L]");
    if (kernel_ > 1 && in.dims[1] < 2)
      throw autood::sdk::Rejected(name_ + ": a window of one step cannot be halved");
    return autood::sdk::Shape{{in.dims[0], pooled_length(in.dims[1], kernel_)}};
  }
  std::shared_ptr<autood::sdk::Block> make_encoder(const autood::sdk::Shape&) const override {
    if (kernel_ == 1) return autood::kit::identity_block();
    return autood::kit::function_block(
        name_, [pool = pool_, k = kernel_](const at::Tensor& x) { return pool(x, k); });
  }
  std::shared_ptr<autood::sdk::Block> make_decoder(const autood::sdk::Shape& in,
                                                   const autood::sdk::Shape& out) const override {
    if (in == out) return autood::kit::identity_block();
    std::vector<std::int64_t> size{out.dims[1]};
    return autood::kit::function_block("Unpool1d", [size](const at::Tensor& x) {
      namespace F = torch::nn::functional;
      return F::interpolate(x, F::InterpolateFuncOptions().size(size).mode(torch::kNearest));
    });
  }

 private:
  std::string name_;
  Pool1dFunction pool_;
  std::int64_t kernel_;
};

inline autood::sdk::LayerOpChoice pool1d_choice(std::string name, std::string summary,
                                                Pool1dFunction pool) {
  autood::sdk::LayerOpChoice choice;
  choice.name = name;
  choice.summary = std::move(summary);
  choice.role = autood::sdk::Role::Pool;
  choice.ranks = {3};
  choice.decisions = {{"kernel", {1, 3, 5}, "pooling kernel size; above 1 halves the length"}};
  choice.create = [name, pool](const autood::sdk::OpArgs& args) {
    return std::make_shared<Pool1dOp>(name, pool, autood::sdk::arg(args, "kernel"));
  };
  return choice;
}

}  // namespace timeseries
