// Each image turned by an angle drawn from `angles` (multiples of 90 degrees, counter-clockwise),
// as the geometric transformations of GEOM (Golan and El-Yaniv, 2018) do.
#include <torch/torch.h>

#include <random>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/generator.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Rotate : public autood::sdk::AnomalyGenerator {
 public:
  autood::sdk::Anomalies generate(const at::Tensor& normal, const autood::sdk::Params& params,
                                  std::uint64_t seed, autood::sdk::Logger&) override {
    const auto& angles = params.get_ints("angles");
    const bool square = normal.size(2) == normal.size(3);
    if (angles.empty())
      throw autood::sdk::InputError("data.generator.rotate.angles must name at least one angle");
    for (auto angle : angles)
      if (!(angle == 90 || angle == 180 || angle == 270) || (!square && angle != 180))
        throw autood::sdk::InputError(
            "data.generator.rotate.angles holds " + std::to_string(angle) +
            "; valid: " + (square ? "90, 180, 270" : "180 (the images are not square)"));
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, angles.size() - 1);
    autood::sdk::Anomalies out;
    out.samples = torch::empty_like(normal);
    for (std::int64_t i = 0; i < normal.size(0); ++i)
      out.samples[i].copy_(torch::rot90(normal[i], angles[pick(rng)] / 90, {1, 2}));
    return out;  // no mask: every pixel may move
  }
};

void register_rotate(autood::sdk::Registrar& registrar) {
  autood::sdk::GeneratorChoice choice;
  choice.name = "rotate";
  choice.summary = "images: each image turned by an angle drawn from angles (counter-clockwise)";
  choice.params = {
      {"angles", std::vector<std::int64_t>{90, 180, 270}, "the angles to draw from: 90, 180, 270",
       90, 270},
  };
  choice.ranks = {4};
  choice.create = [] { return std::make_shared<Rotate>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("rotate", "1.0.0", register_rotate)
