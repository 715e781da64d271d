// Dataset loader for IDX files (MNIST, Fashion-MNIST), gzipped or not. Images become floats in
// [0, 1] of shape [N, 1, H, W]; an optional label file gives the classes.
#include <torch/torch.h>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/log.hpp"
#include "autood/sdk/plugin.hpp"
#include "idx_reader.hpp"

namespace {
using autood::sdk::InputError;

const char* kFashionDir = "/usr/share/datasets/fashion-mnist/";

class IdxLoader : public autood::sdk::DatasetLoader {
 public:
  autood::sdk::Dataset load(const autood::sdk::Params& params, autood::sdk::Logger& log) override {
    const std::string& images_path = params.get_string("images");
    auto images = autood_idx::read_idx(images_path);
    if (images.dims.size() != 3)
      throw InputError(images_path + ": expected 3 dimensions (count, rows, columns), found " +
                       std::to_string(images.dims.size()));
    std::int64_t n = images.dims[0];
    const std::int64_t limit = params.get_int("limit");
    if (limit > 0) n = std::min(n, limit);

    autood::sdk::Dataset data;
    auto bytes = torch::from_blob(
        images.data.data(), {images.dims[0], 1, images.dims[1], images.dims[2]}, torch::kUInt8);
    data.samples = bytes.slice(0, 0, n).to(torch::kFloat32).div_(255.0);
    data.description = images_path;

    const std::string& labels_path = params.get_string("labels");
    if (!labels_path.empty()) {
      auto labels = autood_idx::read_idx(labels_path);
      if (labels.dims.size() != 1)
        throw InputError(labels_path + ": expected 1 dimension (count) for labels, found " +
                         std::to_string(labels.dims.size()));
      if (labels.dims[0] != images.dims[0])
        throw InputError(labels_path + ": has " + std::to_string(labels.dims[0]) + " labels for " +
                         std::to_string(images.dims[0]) + " images in " + images_path);
      data.labels = torch::from_blob(labels.data.data(), {labels.dims[0]}, torch::kUInt8)
                        .slice(0, 0, n)
                        .to(torch::kLong);
    }
    data.class_names = params.get_strings("class_names");
    log.info("idx: " + std::to_string(n) + " images of " + std::to_string(images.dims[1]) + "x" +
             std::to_string(images.dims[2]) + " from " + images_path);
    return data;
  }
};

void register_idx(autood::sdk::Registrar& registrar) {
  autood::sdk::DatasetChoice choice;
  choice.name = "idx";
  choice.summary = "IDX image and label files (MNIST, Fashion-MNIST), gzipped or not";
  choice.params = {
      {"images", std::string(kFashionDir) + "train-images-idx3-ubyte.gz", "IDX file of images"},
      {"labels", std::string(kFashionDir) + "train-labels-idx1-ubyte.gz",
       "IDX file of labels, or \"\""},
      {"limit", std::int64_t{0}, "read at most this many samples; 0 reads all", 0, 1e9},
      {"class_names", std::vector<std::string>{}, "a name per class, for reports"},
  };
  choice.create = [] { return std::make_shared<IdxLoader>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("idx", "1.0.0", register_idx)
