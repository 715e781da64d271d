// Gaussian blur of the whole image: the kernel is exp(-x^2 / (2 sigma^2)) over |x| <= ceil(3
// sigma), normalised, applied along rows then columns, with the border pixels repeated outward.
#include <torch/torch.h>

#include <cmath>

#include "autood/sdk/generator.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

namespace F = torch::nn::functional;

class Blur : public autood::sdk::AnomalyGenerator {
 public:
  autood::sdk::Anomalies generate(const at::Tensor& normal, const autood::sdk::Params& params,
                                  std::uint64_t, autood::sdk::Logger&) override {
    const double sigma = params.get_double("sigma");
    const auto radius = static_cast<std::int64_t>(std::ceil(3 * sigma));
    auto x = torch::arange(-radius, radius + 1, torch::kDouble);
    auto kernel = (-(x * x) / (2 * sigma * sigma)).exp();
    kernel = (kernel / kernel.sum()).to(torch::kFloat);
    const auto n = normal.size(0), channels = normal.size(1);
    const auto height = normal.size(2), width = normal.size(3);
    // Each channel alone: [N*C, 1, H, W], padded by repeating the border.
    auto image = normal.to(torch::kFloat).reshape({n * channels, 1, height, width});
    image =
        F::pad(image, F::PadFuncOptions({radius, radius, radius, radius}).mode(torch::kReplicate));
    image = F::conv2d(image, kernel.view({1, 1, 1, -1}));
    image = F::conv2d(image, kernel.view({1, 1, -1, 1}));
    autood::sdk::Anomalies out;
    out.samples = image.reshape(normal.sizes()).to(normal.scalar_type());
    return out;  // no mask: every pixel may change
  }
};

void register_blur(autood::sdk::Registrar& registrar) {
  autood::sdk::GeneratorChoice choice;
  choice.name = "blur";
  choice.summary = "images: the whole image blurred by a Gaussian of standard deviation sigma";
  choice.params = {
      {"sigma", 1.0, "the Gaussian's standard deviation, in pixels", 0.1, 20},
  };
  choice.ranks = {4};
  choice.create = [] { return std::make_shared<Blur>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("blur", "1.0.0", register_blur)
