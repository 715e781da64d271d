// The pack's anomaly generators against changes worked out by hand: which values move, and by
// how much in the channel's own deviation.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include "LoadedPlugin.hpp"
#include "autood/sdk/generator.hpp"

namespace {

struct Generated {
  at::Tensor samples, difference;
};

Generated generate(const std::string& name, const std::string& option, double value,
                   const at::Tensor& normal, std::uint64_t seed) {
  auto plugin = timeseries::test::load_plugin(name);
  REQUIRE(plugin.Generator.size() == 1);
  CHECK((plugin.Generator[0].ranks == std::vector<int>{3}));
  autood::sdk::Params params;
  params.set(option, value);
  timeseries::test::QuietLogger log;
  auto out = plugin.Generator[0].create()->generate(normal, params, seed, log);
  CHECK(!out.masks.defined());
  REQUIRE(out.samples.sizes() == normal.sizes());
  return {out.samples, out.samples - normal};
}

// Two windows of 8 steps and 2 channels. Channel 0 alternates 0, 1 (population deviation 0.5),
// channel 1 is 0, 2 (deviation 1); window 1 is window 0 plus 3, with the same deviations.
at::Tensor windows() {
  auto x = torch::zeros({2, 2, 8});
  for (int t = 0; t < 8; ++t) {
    x[0][0][t] = static_cast<float>(t % 2);
    x[0][1][t] = static_cast<float>(2 * (t % 2));
  }
  x[1] = x[0] + 3.0f;
  return x;
}

}  // namespace

TEST_CASE("spike: one step of one channel per window moves by height times its deviation") {
  const auto x = windows();
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    CAPTURE(seed);
    auto out = generate("spike", "height", 4.0, x, seed);
    for (int i = 0; i < 2; ++i) {
      CAPTURE(i);
      const auto moved = out.difference[i].ne(0).nonzero();
      REQUIRE(moved.size(0) == 1);  // one value of the window
      const auto c = moved[0][0].item<std::int64_t>();
      const double expected = 4.0 * (c == 0 ? 0.5 : 1.0);  // height x the channel's deviation
      CHECK(std::abs(out.difference[i].sum().item<double>()) == doctest::Approx(expected));
    }
    // The same seed gives the same windows.
    CHECK(torch::equal(generate("spike", "height", 4.0, x, seed).samples, out.samples));
  }
  // A flat channel takes 1 as its scale, so that it still changes.
  auto flat = generate("spike", "height", 2.5, torch::full({1, 1, 4}, 0.3f), 9);
  CHECK(std::abs(flat.difference.sum().item<double>()) == doctest::Approx(2.5));
}

TEST_CASE("level_shift: one channel moves by shift times its deviation from a middle step on") {
  const auto x = windows();
  bool both_signs[2] = {false, false};
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    CAPTURE(seed);
    auto out = generate("level_shift", "shift", 2.0, x, seed);
    for (int i = 0; i < 2; ++i) {
      CAPTURE(i);
      const auto changed_channels = out.difference[i].ne(0).any(1).nonzero();
      REQUIRE(changed_channels.size(0) == 1);
      const auto c = changed_channels[0][0].item<std::int64_t>();
      const double size = 2.0 * (c == 0 ? 0.5 : 1.0);
      const auto row = out.difference[i][c];
      // 8 steps: the first shifted step is 2 to 5 (the middle half); nothing moves before it,
      // and every step from it on moves by the same +-size.
      std::int64_t first = -1;
      for (int t = 0; t < 8; ++t)
        if (first < 0 && row[t].item<double>() != 0.0) first = t;
      CHECK(first >= 2);
      CHECK(first <= 5);
      const double step = row[7].item<double>();
      CHECK(std::abs(step) == doctest::Approx(size));
      both_signs[step > 0] = true;
      for (std::int64_t t = first; t < 8; ++t)
        CHECK(row[t].item<double>() == doctest::Approx(step));
    }
  }
  CHECK(both_signs[0]);  // up and down both occur
  CHECK(both_signs[1]);
  CHECK_THROWS_WITH(generate("level_shift", "shift", 2.0, torch::zeros({1, 1, 1}), 1),
                    doctest::Contains("windows of at least 2 steps"));
}
