// l2: the mean squared error per sample; its map is the squared error per pixel, averaged over
// channels (also over the channels of a series, [N, C, L]).
#include <torch/torch.h>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class L2 : public autood::sdk::Distance {
 public:
  at::Tensor per_sample(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    return (reconstruction - x).pow(2).flatten(1).mean(1);
  }
  at::Tensor per_pixel(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    auto squared = (reconstruction - x).pow(2);
    return x.dim() > 2 ? squared.mean(1) : squared;  // [N, H, W], [N, L] or [N, D]
  }
};

void register_l2(autood::sdk::Registrar& registrar) {
  autood::sdk::DistanceChoice choice;
  choice.name = "l2";
  choice.summary = "mean squared error";
  choice.ranks = {2, 3, 4};
  choice.create = [] { return std::make_shared<L2>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("l2", "1.0.0", register_l2)
