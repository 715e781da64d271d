// A level shift: from a step in the window's middle half on, one channel moved up or down by
// `shift` times its standard deviation over the window, as when a sensor is knocked or
// recalibrated. The step, channel and sign are drawn from the seed; a flat channel takes 1 as its
// scale.
#include <torch/torch.h>

#include <algorithm>
#include <random>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/generator.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class LevelShift : public autood::sdk::AnomalyGenerator {
 public:
  autood::sdk::Anomalies generate(const at::Tensor& normal, const autood::sdk::Params& params,
                                  std::uint64_t seed, autood::sdk::Logger&) override {
    const double shift = params.get_double("shift");
    const auto channels = normal.size(1), steps = normal.size(2);
    if (steps < 2)
      throw autood::sdk::InputError(
          "data.generator.level_shift needs windows of at least 2 "
          "steps, so that the level changes within one; got " +
          std::to_string(steps));
    std::mt19937_64 rng(seed);
    // The first shifted step lies in the middle half, so that both levels are seen.
    const std::int64_t first = std::max<std::int64_t>(1, steps / 4);
    const std::int64_t last = std::max(first, steps - steps / 4 - 1);
    std::uniform_int_distribution<std::int64_t> channel(0, channels - 1), from(first, last);
    std::bernoulli_distribution up(0.5);
    const auto scale = normal.std(/*dim=*/2, /*unbiased=*/false);  // [N, C]
    autood::sdk::Anomalies out;
    out.samples = normal.clone();
    using torch::indexing::Slice;
    for (std::int64_t i = 0; i < normal.size(0); ++i) {
      const auto c = channel(rng), t = from(rng);
      const double sign = up(rng) ? 1.0 : -1.0;
      double s = scale[i][c].item<double>();
      if (!(s > 0)) s = 1.0;
      out.samples[i][c].index({Slice(t, steps)}) += sign * shift * s;
    }
    return out;  // no mask: masks are per pixel of an image
  }
};

void register_level_shift(autood::sdk::Registrar& registrar) {
  autood::sdk::GeneratorChoice choice;
  choice.name = "level_shift";
  choice.summary =
      "series: one channel moved by shift times its deviation from a step in the middle half on";
  choice.params = {
      {"shift", 1.5, "the new level's distance, in the channel's standard deviations", 0.1, 100},
  };
  choice.ranks = {3};
  choice.create = [] { return std::make_shared<LevelShift>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("level_shift", "1.0.0", register_level_shift)
