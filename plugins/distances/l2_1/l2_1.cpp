// l2,1: each sample's residual as a matrix, rows x columns of the image with the channels
// stacked (C*H rows of W values), summed over rows of each row's l2 norm. Robust to a few bad
// rows where l2 would square them. A table row [D] is one row of D values.
//
// Its map gives each pixel the l2 norm of its residual across channels.
#include <torch/torch.h>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

// Keeps the gradient of the norm finite where a row's residual is exactly zero.
constexpr double kEpsilon = 1e-12;

class L21 : public autood::sdk::Distance {
 public:
  at::Tensor per_sample(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    auto residual = reconstruction - x;
    auto rows = residual.reshape({residual.size(0), -1, residual.size(-1)});  // [N, C*H, W]
    return (rows.pow(2).sum(2) + kEpsilon).sqrt().sum(1);
  }
  at::Tensor per_pixel(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    auto squared = (reconstruction - x).pow(2);
    return x.dim() == 4 ? (squared.sum(1) + kEpsilon).sqrt() : squared.sqrt();
  }
};

void register_l2_1(autood::sdk::Registrar& registrar) {
  autood::sdk::DistanceChoice choice;
  choice.name = "l2_1";
  choice.summary = "l2,1 norm of the residual: sum over rows of each row's l2 norm";
  choice.ranks = {2, 4};
  choice.create = [] { return std::make_shared<L21>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("l2_1", "1.0.0", register_l2_1)
