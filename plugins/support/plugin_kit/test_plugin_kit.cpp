// The plugin kit's CSV reading, pooling and linear block, by hand.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include "autood/kit/blocks.hpp"
#include "autood/kit/csv.hpp"
#include "autood/kit/pooling.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/module.hpp"
#include "compute/Device.hpp"

using namespace autood;

TEST_CASE("plugin kit: a cell is trimmed, a number must be whole and finite") {
  CHECK(kit::trim_cell(" \t 1.5\r") == "1.5");
  CHECK(kit::trim_cell(" \r").empty());
  double value = 0;
  CHECK(kit::parse_finite("1e3", value));
  CHECK(value == 1000.0);
  CHECK(kit::parse_finite("-0.25", value));
  CHECK(value == -0.25);
  for (const char* bad : {"", "1x", "nan", "inf", "-inf", "1e999", "1 2"}) {
    CAPTURE(bad);
    CHECK_FALSE(kit::parse_finite(bad, value));
  }
}

TEST_CASE("plugin kit: the byte-order mark goes, and long headers are cut in messages") {
  std::string line =
      "\xEF\xBB\xBF"
      "a,b";  // split, or \xBFa would be one escape
  kit::strip_byte_order_mark(line);
  CHECK(line == "a,b");
  std::vector<std::string> header;
  for (int i = 0; i < 13; ++i) header.push_back("c" + std::to_string(i));
  const auto text = kit::column_list(header);
  CHECK(text.find("'c11'") != std::string::npos);
  CHECK(text.find("'c12'") == std::string::npos);
  CHECK(text.find("... (13 in all)") != std::string::npos);
}

TEST_CASE("plugin kit: pooling halves by (n + 2 (k / 2) - k) / 2 + 1, and k = 1 keeps the size") {
  CHECK(kit::pooled_size(28, 3) == 14);
  CHECK(kit::pooled_size(7, 3) == 4);
  CHECK(kit::pooled_size(7, 5) == 4);
  CHECK(kit::pooled_size(7, 1) == 7);
  CHECK(kit::pooled_size(1, 7) == 1);
}

TEST_CASE("plugin kit: a pooling choice for series pools the length and unpools it exactly") {
  auto choice = kit::pooling_choice(
      "p", "test",
      [](const at::Tensor& x, std::int64_t k) { return at::max_pool1d(x, {k}, {2}, {k / 2}); },
      {3});
  CHECK(choice.ranks == std::vector<int>{3});
  auto op = choice.create({{"kernel", 5}});
  const sdk::Shape in{{4, 9}};
  CHECK(op->encoder_output(in) == sdk::Shape{{4, 5}});
  auto x = torch::arange(9, torch::kFloat).view({1, 1, 9}).expand({2, 4, 9}).contiguous();
  auto h = op->make_encoder(in)->forward(x);
  CHECK(h.sizes() == torch::IntArrayRef{2, 4, 5});
  CHECK(h[0][0][4].item<float>() == 8.0f);  // the last window holds steps 6, 7, 8 and padding
  CHECK(op->make_decoder(sdk::Shape{{4, 5}}, in)->forward(h).sizes() == x.sizes());
}

TEST_CASE(
    "plugin kit: a linear block evaluates W x + b, and each sample's output whatever its "
    "neighbours") {
  // One thread, as `autood score --set train.threads=1` runs: single-threaded OpenBLAS rounds a
  // row of a batched sgemm by its position, which torch::nn::Linear shows on this batch.
  configure_threads(1);
  torch::manual_seed(3);
  auto block = kit::linear_block(36, 64);
  auto x = torch::randn({512, 36});
  auto expected =
      torch::linalg_matmul(x.to(torch::kDouble), block->parameters()[0].t().to(torch::kDouble)) +
      block->parameters()[1].to(torch::kDouble);
  torch::NoGradGuard no_grad;
  auto training = block->forward(x);
  block->eval();
  auto evaluated = block->forward(x);
  CHECK(torch::allclose(evaluated.to(torch::kDouble), expected, 1e-5, 1e-5));
  CHECK(torch::allclose(training, evaluated, 1e-5, 1e-5));
  for (std::int64_t shift : {1, 3, 7, 100, 255}) {
    CAPTURE(shift);
    CHECK(block->forward(x.roll(shift, 0)).roll(-shift, 0).equal(evaluated));
  }
  CHECK(block->forward(x.slice(0, 0, 100)).equal(evaluated.slice(0, 0, 100)));
}
