// l1: the mean absolute error per sample; its map is the absolute error per pixel, averaged over
// channels.
#include <torch/torch.h>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class L1 : public autood::sdk::Distance {
 public:
  at::Tensor per_sample(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    return (reconstruction - x).abs().flatten(1).mean(1);
  }
  at::Tensor per_pixel(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    auto absolute = (reconstruction - x).abs();
    return x.dim() > 2 ? absolute.mean(1) : absolute;  // [N, H, W], [N, L] or [N, D]
  }
};

void register_l1(autood::sdk::Registrar& registrar) {
  autood::sdk::DistanceChoice choice;
  choice.name = "l1";
  choice.summary = "mean absolute error";
  choice.ranks = {2, 3, 4};
  choice.create = [] { return std::make_shared<L1>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("l1", "1.0.0", register_l1)
