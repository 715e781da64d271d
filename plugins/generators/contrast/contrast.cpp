// A contrast change of the whole image about its own mean m: x' = m + factor * (x - m), kept in
// [0, 1]. A factor below 1 flattens the image, above 1 sharpens it.
#include <torch/torch.h>

#include "autood/sdk/generator.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Contrast : public autood::sdk::AnomalyGenerator {
 public:
  autood::sdk::Anomalies generate(const at::Tensor& normal, const autood::sdk::Params& params,
                                  std::uint64_t, autood::sdk::Logger&) override {
    const double factor = params.get_double("factor");
    const auto mean = normal.mean({1, 2, 3}, /*keepdim=*/true);
    autood::sdk::Anomalies out;
    out.samples = (mean + factor * (normal - mean)).clamp(0.0, 1.0);
    return out;  // no mask: every pixel may change
  }
};

void register_contrast(autood::sdk::Registrar& registrar) {
  autood::sdk::GeneratorChoice choice;
  choice.name = "contrast";
  choice.summary = "images: the contrast about the image's mean scaled by factor, kept in [0, 1]";
  choice.params = {
      {"factor", 0.5, "how much of the contrast is kept: below 1 flattens, above 1 sharpens", 0,
       10},
  };
  choice.ranks = {4};
  choice.create = [] { return std::make_shared<Contrast>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("contrast", "1.0.0", register_contrast)
