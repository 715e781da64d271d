#include <doctest/doctest.h>
#include <torch/torch.h>

#include "LoadedPlugin.hpp"
#include "autood/sdk/distance.hpp"

namespace {

std::shared_ptr<autood::sdk::Distance> distance(const std::string& name) {
  auto plugin = timeseries::test::load_plugin(name);
  REQUIRE(plugin.Distance.size() == 1);
  CHECK((plugin.Distance[0].ranks == std::vector<int>{3}));
  return plugin.Distance[0].create();
}

}  // namespace

TEST_CASE("peak is the mean of the worst eighth of per-step errors") {
  auto peak = distance("peak");
  // 16 steps, 2 channels: step 5 is off by 4 in channel 0 (per-step error (16 + 0) / 2 = 8), and
  // step 9 by 2 in both channels (error 4). The worst ceil(16 / 8) = 2 steps: (8 + 4) / 2 = 6,
  // where the mean squared error is (16 + 4 + 4) / 32 = 0.75.
  auto x = torch::zeros({1, 2, 16}, torch::kDouble);
  auto r = x.clone();
  r[0][0][5] = 4;
  r[0][0][9] = 2;
  r[0][1][9] = -2;
  CHECK(peak->per_sample(r, x).item<double>() == doctest::Approx(6.0));
  auto map = peak->per_pixel(r, x);
  CHECK((map.sizes() == torch::IntArrayRef{1, 16}));
  CHECK(map[0][5].item<double>() == doctest::Approx(8.0));
  // A window of 3 steps still takes one.
  auto small = torch::tensor({0.0, 3.0, 1.0}, torch::kDouble).view({1, 1, 3});
  CHECK(peak->per_sample(small, torch::zeros_like(small)).item<double>() == doctest::Approx(9.0));
}

TEST_CASE("spectrum compares amplitude spectra: blind to a shift, and worked out for a constant") {
  auto spectrum = distance("spectrum");
  // A constant c over L = 8 steps has an orthonormal DC amplitude c * sqrt(8) and no other; its
  // distance to zeros is c^2 * 8 over L / 2 + 1 = 5 frequencies: 1.6 for c = 1.
  auto x = torch::zeros({1, 1, 8}, torch::kDouble);
  auto r = torch::ones({1, 1, 8}, torch::kDouble);
  CHECK(spectrum->per_sample(r, x).item<double>() == doctest::Approx(1.6).epsilon(1e-6));
  // A circular shift keeps the amplitude spectrum: about 0, where l2 would be large.
  auto wave = torch::sin(torch::arange(32, torch::kDouble) * (2 * M_PI / 8)).view({1, 1, 32});
  auto shifted = torch::roll(wave, {3}, {2});
  CHECK(spectrum->per_sample(shifted, wave).item<double>() < 1e-9);
  CHECK((shifted - wave).pow(2).mean().item<double>() > 0.5);
  // The gradient stays finite where both spectra are zero.
  auto y = torch::zeros({1, 1, 8}, torch::kDouble).requires_grad_(true);
  spectrum->per_sample(y, torch::zeros({1, 1, 8}, torch::kDouble)).sum().backward();
  CHECK(torch::isfinite(y.grad()).all().item<bool>());
}
