// Synthetic outliers: Gaussian noise N(0.5, 1) clipped to [0, 1], or uniform noise on [0, 1].
// The OOD protocol resizes them to the in-distribution data's shape.
#include <torch/torch.h>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class NoiseLoader : public autood::sdk::DatasetLoader {
 public:
  autood::sdk::Dataset load(const autood::sdk::Params& params, autood::sdk::Logger&) override {
    const auto& kind = params.get_string("kind");
    const auto count = params.get_int("count");
    auto shape = params.get_ints("shape");
    if (count < 1) throw autood::sdk::InputError("data.outliers.count must be at least 1");
    if (shape.empty())
      throw autood::sdk::InputError(
          "data.outliers.shape must give one sample's shape, e.g. [1, 28, 28]");
    for (auto d : shape)
      if (d < 1) throw autood::sdk::InputError("data.outliers.shape must be positive everywhere");
    shape.insert(shape.begin(), count);
    auto generator = at::make_generator<at::CPUGeneratorImpl>(
        static_cast<std::uint64_t>(params.get_int("seed")));
    autood::sdk::Dataset data;
    if (kind == "gaussian")
      data.samples = at::normal(0.5, 1.0, shape, generator, torch::TensorOptions(torch::kFloat))
                         .clamp_(0.0, 1.0);
    else if (kind == "uniform")
      data.samples = torch::empty(shape, torch::kFloat).uniform_(0.0, 1.0, generator);
    else
      throw autood::sdk::InputError("data.outliers.kind '" + kind +
                                    "' is not one of: gaussian, uniform");
    data.description = kind + " noise (" + std::to_string(count) + " samples)";
    return data;
  }
};

void register_noise(autood::sdk::Registrar& registrar) {
  autood::sdk::DatasetChoice choice;
  choice.name = "noise";
  choice.summary = "synthetic outliers: Gaussian N(0.5, 1) clipped to [0, 1], or uniform on [0, 1]";
  choice.params = {
      {"kind", std::string("gaussian"), "gaussian or uniform"},
      {"count", std::int64_t{1000}, "how many samples", 1, 1e7},
      {"shape", std::vector<std::int64_t>{1, 28, 28}, "one sample's shape", 1, 16384},
      {"seed", std::int64_t{0}, "seeds the noise"},
  };
  choice.create = [] { return std::make_shared<NoiseLoader>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("noise", "1.0.0", register_noise)
