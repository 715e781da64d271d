// Dataset loader for a folder of PNG or JPEG images, one sub-folder per class:
//   <path>/<class>/*.png|jpg     labels are the sub-folders in name order
// A folder with images and no sub-folders is one class. Images are resized to `size`.
#include <torch/torch.h>

#include "ImageFile.hpp"
#include "ImageFolder.hpp"
#include "ImageParams.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/log.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
namespace fs = std::filesystem;
using namespace autood::datasets;
using autood::sdk::InputError;

class ImageFolderLoader : public autood::sdk::DatasetLoader {
 public:
  autood::sdk::Dataset load(const autood::sdk::Params& params, autood::sdk::Logger& log) override {
    const fs::path root = params.get_string("path");
    if (root.empty()) throw InputError("data.source.path must name a folder of images");
    auto [height, width] = image_size(params, "data.source");
    const auto channels = params.get_int("channels");
    const auto limit = params.get_int("limit");

    auto classes = sub_folders(root);
    const bool flat = classes.empty();
    if (flat) classes.push_back(root);
    // Beside class folders an image has no class; skipping it would shrink the data unseen.
    const auto loose = flat ? std::vector<fs::path>{} : image_files(root, false);
    if (!loose.empty())
      throw InputError(root.string() + ": " + std::to_string(loose.size()) +
                       (loose.size() == 1 ? " image lies" : " images lie") +
                       " beside its class folders, such as " + loose.front().filename().string() +
                       "; put each in its class's folder (only a folder without sub-folders is "
                       "read as one class)");
    autood::sdk::Dataset data;
    std::vector<at::Tensor> images;
    std::vector<std::int64_t> labels;
    for (std::size_t c = 0; c < classes.size(); ++c) {
      data.class_names.push_back(classes[c].filename().string());
      for (const auto& file : image_files(classes[c])) {
        if (limit > 0 && static_cast<std::int64_t>(images.size()) >= limit) break;
        images.push_back(resize_image(read_image(file, channels), height, width));
        labels.push_back(static_cast<std::int64_t>(c));
      }
    }
    data.samples = torch::stack(images);
    data.labels = torch::tensor(labels, torch::kLong);
    data.description = root.string() + " (" + std::to_string(images.size()) + " images, " +
                       std::to_string(classes.size()) + (flat ? " class)" : " classes)");
    log.info("image_folder: " + data.description);
    return data;
  }
};

void register_image_folder(autood::sdk::Registrar& registrar) {
  autood::sdk::DatasetChoice choice;
  choice.name = "image_folder";
  choice.summary = "PNG or JPEG images, one sub-folder per class";
  choice.params = {
      {"path", std::string(), "the folder"},
      {"size", std::vector<std::int64_t>{28, 28}, "[height, width] every image is resized to", 1,
       16384},
      {"channels", std::int64_t{1}, "1 for grey, 3 for RGB", 1, 3},
      {"limit", std::int64_t{0}, "read at most this many images; 0 reads all", 0, 1e9},
  };
  choice.create = [] { return std::make_shared<ImageFolderLoader>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("image_folder", "1.0.0", register_image_folder)
