// A spike: one step of one channel of each window pushed up or down by `height` times that
// channel's standard deviation over the window, a glitch of the kind a sensor gives. The step,
// channel and sign are drawn from the seed; a flat channel (deviation 0) takes 1 as its scale.
#include <torch/torch.h>

#include <random>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/generator.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Spike : public autood::sdk::AnomalyGenerator {
 public:
  autood::sdk::Anomalies generate(const at::Tensor& normal, const autood::sdk::Params& params,
                                  std::uint64_t seed, autood::sdk::Logger&) override {
    const double height = params.get_double("height");
    const auto channels = normal.size(1), steps = normal.size(2);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::int64_t> channel(0, channels - 1), step(0, steps - 1);
    std::bernoulli_distribution up(0.5);
    // Population deviation per window and channel: [N, C].
    const auto scale = normal.std(/*dim=*/2, /*unbiased=*/false);
    autood::sdk::Anomalies out;
    out.samples = normal.clone();
    for (std::int64_t i = 0; i < normal.size(0); ++i) {
      const auto c = channel(rng), t = step(rng);
      const double sign = up(rng) ? 1.0 : -1.0;
      double s = scale[i][c].item<double>();
      if (!(s > 0)) s = 1.0;
      out.samples[i][c][t] += sign * height * s;
    }
    return out;  // no mask: masks are per pixel of an image
  }
};

void register_spike(autood::sdk::Registrar& registrar) {
  autood::sdk::GeneratorChoice choice;
  choice.name = "spike";
  choice.summary =
      "series: one step of one channel moved by height times the channel's deviation (a glitch)";
  choice.params = {
      {"height", 4.0, "the spike's size, in the channel's standard deviations over the window", 0.1,
       100},
  };
  choice.ranks = {3};
  choice.create = [] { return std::make_shared<Spike>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("spike", "1.0.0", register_spike)
