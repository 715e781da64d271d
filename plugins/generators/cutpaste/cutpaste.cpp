// CutPaste (Li et al., CVPR 2021): a square patch cut from one place of an image and pasted at
// another place of the same image, a local defect whose mask is the pasted square.
#include <torch/torch.h>

#include <cmath>
#include <random>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/generator.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

using autood::sdk::Anomalies;

// Of this many random (from, to) placements, the one that changes the image most is pasted, so
// that a patch of empty background is not pasted onto empty background.
constexpr int kPlacements = 8;

class CutPaste : public autood::sdk::AnomalyGenerator {
 public:
  Anomalies generate(const at::Tensor& normal, const autood::sdk::Params& params,
                     std::uint64_t seed, autood::sdk::Logger&) override {
    const auto height = normal.size(2), width = normal.size(3);
    const auto side = static_cast<std::int64_t>(
        std::lround(params.get_double("patch") * static_cast<double>(std::min(height, width))));
    if (side < 1 || side >= std::min(height, width))
      throw autood::sdk::InputError(
          "data.generator.cutpaste.patch " + std::to_string(params.get_double("patch")) +
          " makes a patch of side " + std::to_string(side) + " on images of " +
          std::to_string(height) + "x" + std::to_string(width) +
          "; it must be at least 1 pixel and smaller than the image");
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::int64_t> row(0, height - side), column(0, width - side);
    Anomalies out;
    out.samples = normal.clone();
    out.masks = torch::zeros({normal.size(0), 1, height, width}, torch::kFloat);
    using torch::indexing::Slice;
    for (std::int64_t i = 0; i < normal.size(0); ++i) {
      const auto image = normal[i];
      double most = -1;
      std::int64_t best[4] = {0, 0, 0, 0};
      for (int t = 0; t < kPlacements; ++t) {
        const std::int64_t fy = row(rng), fx = column(rng), ty = row(rng), tx = column(rng);
        const auto change = (image.index({Slice(), Slice(fy, fy + side), Slice(fx, fx + side)}) -
                             image.index({Slice(), Slice(ty, ty + side), Slice(tx, tx + side)}))
                                .abs()
                                .sum()
                                .item<double>();
        if (change > most) most = change, best[0] = fy, best[1] = fx, best[2] = ty, best[3] = tx;
      }
      const auto [fy, fx, ty, tx] = std::tuple{best[0], best[1], best[2], best[3]};
      out.samples[i].index_put_({Slice(), Slice(ty, ty + side), Slice(tx, tx + side)},
                                image.index({Slice(), Slice(fy, fy + side), Slice(fx, fx + side)}));
      out.masks[i].index_put_({Slice(), Slice(ty, ty + side), Slice(tx, tx + side)}, 1.0);
    }
    return out;
  }
};

void register_cutpaste(autood::sdk::Registrar& registrar) {
  autood::sdk::GeneratorChoice choice;
  choice.name = "cutpaste";
  choice.summary = "images: a square patch cut from one place and pasted at another (CutPaste)";
  choice.params = {
      {"patch", 0.25, "the patch's side, as a share of the image's shorter side", 0.01, 0.99},
  };
  choice.ranks = {4};
  choice.create = [] { return std::make_shared<CutPaste>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("cutpaste", "1.0.0", register_cutpaste)
