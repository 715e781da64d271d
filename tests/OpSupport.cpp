#include "OpSupport.hpp"

#include <doctest/doctest.h>

#include "TestSupport.hpp"

namespace autood::test {

const Registry& builtin_registry() {
  static const auto loaded = load({builtin_plugins()});
  return loaded->registry;
}

sdk::Shape sample_shape(const torch::Tensor& x) { return sdk::Shape{x.sizes().slice(1).vec()}; }

std::shared_ptr<sdk::Block> encoder_of(const std::string& name, const sdk::OpArgs& args,
                                       const torch::Tensor& x) {
  return builtin_registry().get<sdk::LayerOpChoice>(name).create(args)->make_encoder(
      sample_shape(x));
}

torch::Tensor encode(const std::string& name, const sdk::OpArgs& args, const torch::Tensor& x) {
  return encoder_of(name, args, x)->forward(x);
}

torch::Tensor round_trip(const std::string& name, const sdk::OpArgs& args, const torch::Tensor& x) {
  auto op = builtin_registry().get<sdk::LayerOpChoice>(name).create(args);
  const auto in = sample_shape(x);
  auto h = op->make_encoder(in)->forward(x);
  return op->make_decoder(op->encoder_output(in), in)->forward(h);
}

void check_activation(const std::string& name, const std::vector<double>& x,
                      const std::vector<double>& y) {
  const auto n = static_cast<std::int64_t>(x.size());
  auto input = torch::tensor(x, torch::kDouble);
  auto expected = torch::tensor(y, torch::kDouble);
  for (const auto& sizes : {std::vector<std::int64_t>{1, n}, {1, 1, n}, {1, 1, 1, n}}) {
    CAPTURE(sizes.size());
    auto batch = input.view(sizes);
    auto encoded = encode(name, {}, batch);
    CHECK(encoded.sizes() == batch.sizes());
    CHECK(torch::allclose(encoded.flatten(), expected, 1e-7, 1e-9));
    CHECK(round_trip(name, {}, batch).equal(encode(name, {}, encoded)));
  }
}

}  // namespace autood::test
