#pragma once
// Layer ops of the built-in plugins, built as the child builder builds them, for the plugins'
// own tests.
#include <torch/torch.h>

#include <memory>
#include <string>

#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/module.hpp"
#include "plugin/Registry.hpp"

namespace autood::test {

const Registry& builtin_registry();  // the built-in plugins, loaded once per process

// The shape of one sample of the batch x: its sizes without the first.
sdk::Shape sample_shape(const torch::Tensor& x);

// The encoder of op `name` with these decision values, for samples shaped like x's.
std::shared_ptr<sdk::Block> encoder_of(const std::string& name, const sdk::OpArgs& args,
                                       const torch::Tensor& x);

// The op's encoder applied to x, and the decoder's output for that, back in x's shape.
torch::Tensor encode(const std::string& name, const sdk::OpArgs& args, const torch::Tensor& x);
torch::Tensor round_trip(const std::string& name, const sdk::OpArgs& args, const torch::Tensor& x);

}  // namespace autood::test

namespace autood::test {

// Checks activation `name` against values worked out by hand (y = f(x) element-wise) on a table,
// a series and an image, and that its decoder applies the same function.
void check_activation(const std::string& name, const std::vector<double>& x,
                      const std::vector<double>& y);

}  // namespace autood::test
