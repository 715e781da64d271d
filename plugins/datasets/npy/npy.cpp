// Dataset loader for NumPy's .npy files, as numpy.save writes them: samples [N, D] (a table),
// [N, H, W] (grey images, read as [N, 1, H, W]) or [N, C, H, W], with values as stored (no
// scaling: save images in [0, 1] to match the other image loaders), and optional labels, a
// second file of N whole numbers. What a Python user has in hand, without converting it.
#include <torch/torch.h>

#include <cmath>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/log.hpp"
#include "autood/sdk/plugin.hpp"
#include "npy_reader.hpp"

namespace {
using autood::sdk::InputError;

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

torch::Tensor read_labels(const std::string& path, std::int64_t samples, const std::string& of) {
  auto labels = autood_npy::read_npy(path);
  if (labels.shape.size() != 1 || labels.shape[0] != samples)
    throw InputError(path + ": has shape " + shape_text(labels.shape) + "; the labels of the " +
                     std::to_string(samples) + " samples in " + of + " must be (" +
                     std::to_string(samples) + ",)");
  if (labels.kind == 'f')
    throw InputError(path + ": labels must be whole numbers (an integer dtype), not floats");
  std::vector<std::int64_t> values(labels.values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = labels.values[i];
    if (v < 0 || v > 1e9)
      throw InputError(path + ": label " + std::to_string(i) + " is " +
                       std::to_string(static_cast<long long>(v)) +
                       "; classes are numbered from 0 to at most 10^9");
    values[i] = static_cast<std::int64_t>(v);
  }
  return torch::tensor(values, torch::kLong);
}

class NpyLoader : public autood::sdk::DatasetLoader {
 public:
  autood::sdk::Dataset load(const autood::sdk::Params& params, autood::sdk::Logger& log) override {
    const auto& path = params.get_string("path");
    if (path.empty()) throw InputError("data.source.path must name a .npy file");
    auto array = autood_npy::read_npy(path);
    auto shape = array.shape;
    if (shape.size() < 2 || shape.size() > 4 || shape[0] == 0)
      throw InputError(path + ": has shape " + shape_text(shape) +
                       "; samples are (n, features), (n, H, W) or (n, C, H, W) with n > 0");
    for (std::size_t i = 0; i < array.values.size(); ++i)
      if (!std::isfinite(array.values[i]))
        throw InputError(
            path + ": value " + std::to_string(i) + " (of sample " +
            std::to_string(static_cast<std::int64_t>(i) /
                           (static_cast<std::int64_t>(array.values.size()) / shape[0])) +
            ") is not a finite number");
    if (shape.size() == 3) shape.insert(shape.begin() + 1, 1);
    std::int64_t n = shape[0];
    const std::int64_t limit = params.get_int("limit");
    if (limit > 0) n = std::min(n, limit);

    autood::sdk::Dataset data;
    // A view of the values read, cut to the limit, then one copy into float32.
    data.samples = torch::from_blob(array.values.data(), shape, torch::kDouble)
                       .slice(0, 0, n)
                       .to(torch::kFloat32);
    const auto& labels = params.get_string("labels");
    if (!labels.empty()) data.labels = read_labels(labels, shape[0], path).slice(0, 0, n);
    data.class_names = params.get_strings("class_names");
    data.description = path + " (" + std::to_string(n) + " samples of " +
                       shape_text({shape.begin() + 1, shape.end()}) + ")";
    log.info("npy: " + data.description);
    return data;
  }
};

void register_npy(autood::sdk::Registrar& registrar) {
  autood::sdk::DatasetChoice choice;
  choice.name = "npy";
  choice.summary =
      "NumPy .npy arrays: samples (n, features), (n, H, W) or (n, C, H, W), and labels";
  choice.params = {
      {"path", std::string(), "the .npy file of samples"},
      {"labels", std::string(), "a .npy file of n whole-number labels, or \"\" for none"},
      {"limit", std::int64_t{0}, "read at most this many samples; 0 reads all", 0, 1e9},
      {"class_names", std::vector<std::string>{}, "a name per class, for reports"},
  };
  choice.create = [] { return std::make_shared<NpyLoader>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("npy", "1.0.0", register_npy)
