#include <doctest/doctest.h>
#include <torch/torch.h>

#include "LoadedPlugin.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/module.hpp"

using autood::sdk::Shape;

TEST_CASE("conv1d keeps the length, changes the channels, and mirrors them in the decoder") {
  auto plugin = timeseries::test::load_plugin("conv1d");
  REQUIRE(plugin.Layer.size() == 1);
  const auto& choice = plugin.Layer[0];
  CHECK((choice.ranks == std::vector<int>{3}));
  CHECK(choice.role == autood::sdk::Role::Transform);
  auto op = choice.create({{"channels", 8}, {"kernel", 5}, {"dilation", 2}});
  const Shape in{{2, 32}};
  CHECK((op->encoder_output(in) == Shape{{8, 32}}));
  auto encoder = op->make_encoder(in);
  auto decoder = op->make_decoder(Shape{{8, 32}}, in);
  auto x = torch::randn({3, 2, 32});
  auto h = encoder->forward(x);
  CHECK((h.sizes() == torch::IntArrayRef{3, 8, 32}));
  CHECK(decoder->forward(h).sizes() == x.sizes());
  // Same padding: a unit impulse in the middle spreads over (kernel - 1) * dilation + 1 steps.
  auto impulse = torch::zeros({1, 2, 32});
  impulse[0][0][16] = 1;
  auto reach = (encoder->forward(impulse) - encoder->forward(torch::zeros({1, 2, 32})))
                   .abs()
                   .sum(1)
                   .squeeze(0)
                   .gt(0);
  CHECK(reach.sum().item<std::int64_t>() == 5);  // taps at 12, 14, 16, 18, 20
}

TEST_CASE("conv1d rejects an even kernel and a dilated kernel wider than the window") {
  auto plugin = timeseries::test::load_plugin("conv1d");
  const auto& choice = plugin.Layer[0];
  CHECK_THROWS_AS(choice.create({{"channels", 8}, {"kernel", 4}, {"dilation", 1}}),
                  autood::sdk::Rejected);
  auto wide = choice.create({{"channels", 8}, {"kernel", 9}, {"dilation", 4}});
  CHECK_THROWS_AS(wide->encoder_output(Shape{{1, 32}}), autood::sdk::Rejected);  // spans 33
  CHECK((wide->encoder_output(Shape{{1, 33}}) == Shape{{8, 33}}));
  CHECK_THROWS_AS(wide->encoder_output(Shape{{1, 28, 28}}), autood::sdk::Rejected);
}
