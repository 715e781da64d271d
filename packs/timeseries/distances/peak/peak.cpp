// peak: how badly the worst stretch of a window is reconstructed. The squared error is averaged
// over channels per step, and a window's distance is the mean of its worst eighth of steps.
// A spike or a short glitch in a long window moves the mean squared error little, and this a lot;
// training on it still spreads gradient over several steps per window, unlike a hard maximum.
// Its map is the per-step error, [N, L].
#include <torch/torch.h>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Peak : public autood::sdk::Distance {
 public:
  at::Tensor per_sample(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    auto per_step = per_pixel(reconstruction, x);
    const auto steps = per_step.size(1);
    const auto worst = std::max<std::int64_t>(1, (steps + 7) / 8);  // ceil(L / 8)
    return std::get<0>(per_step.topk(worst, /*dim=*/1)).mean(1);
  }
  at::Tensor per_pixel(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    return (reconstruction - x).pow(2).mean(1);
  }
};

void register_peak(autood::sdk::Registrar& registrar) {
  autood::sdk::DistanceChoice choice;
  choice.name = "peak";
  choice.summary = "mean squared error of a window's worst eighth of steps";
  choice.ranks = {3};
  choice.create = [] { return std::make_shared<Peak>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("peak", "1.0.0", register_peak)
