#include <doctest/doctest.h>
#include <torch/torch.h>

#include "LoadedPlugin.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/module.hpp"

using autood::sdk::Shape;

namespace {

std::shared_ptr<autood::sdk::LayerOp> pool(const std::string& name, std::int64_t kernel) {
  static auto max_plugin = timeseries::test::load_plugin("max_pool1d");
  static auto avg_plugin = timeseries::test::load_plugin("avg_pool1d");
  const auto& plugin = name == "max_pool1d" ? max_plugin : avg_plugin;
  REQUIRE(plugin.Layer.size() == 1);
  CHECK(plugin.Layer[0].role == autood::sdk::Role::Pool);
  return plugin.Layer[0].create({{"kernel", kernel}});
}

}  // namespace

TEST_CASE("1-D pooling halves the length by (L + 2 (k / 2) - k) / 2 + 1, and k = 1 keeps it") {
  CHECK((pool("max_pool1d", 3)->encoder_output(Shape{{4, 32}}) == Shape{{4, 16}}));
  CHECK((pool("max_pool1d", 3)->encoder_output(Shape{{4, 31}}) == Shape{{4, 16}}));
  CHECK((pool("avg_pool1d", 5)->encoder_output(Shape{{4, 9}}) == Shape{{4, 5}}));
  CHECK((pool("avg_pool1d", 1)->encoder_output(Shape{{4, 9}}) == Shape{{4, 9}}));
}

TEST_CASE("max and average pooling by hand, and the decoder restores the exact length") {
  auto x = torch::tensor({1.0f, 3.0f, 2.0f, 0.0f}).view({1, 1, 4});
  // Kernel 3, stride 2, padding 1: windows {pad, 1, 3} and {3, 2, 0}.
  auto max_op = pool("max_pool1d", 3);
  auto pooled = max_op->make_encoder(Shape{{1, 4}})->forward(x);
  CHECK(pooled.equal(torch::tensor({3.0f, 3.0f}).view({1, 1, 2})));
  auto avg = pool("avg_pool1d", 3)->make_encoder(Shape{{1, 4}})->forward(x);
  CHECK(avg[0][0][0].item<float>() == doctest::Approx(2.0));        // (1 + 3) / 2, pad left out
  CHECK(avg[0][0][1].item<float>() == doctest::Approx(5.0 / 3.0));  // (3 + 2 + 0) / 3
  auto up = max_op->make_decoder(Shape{{1, 2}}, Shape{{1, 5}})->forward(pooled);
  CHECK((up.sizes() == torch::IntArrayRef{1, 1, 5}));
}
