// Dataset loader for one category of MVTec AD:
//   <path>/train/good/*.png                       normal training images
//   <path>/test/<defect or good>/*.png            the test split; label 1 unless 'good'
//   <path>/ground_truth/<defect>/<name>_mask.png  the defect's pixels, same size as its image
// Images and masks are resized to `size` (masks by nearest neighbour). Samples of the test split
// are marked, so that the segmentation protocol can split them into validation and test.
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

class MvtecLoader : public autood::sdk::DatasetLoader {
 public:
  autood::sdk::Dataset load(const autood::sdk::Params& params, autood::sdk::Logger& log) override {
    root_ = params.get_string("path");
    if (root_.empty()) throw InputError("data.source.path must name an MVTec AD category folder");
    std::tie(height_, width_) = image_size(params, "data.source");
    channels_ = params.get_int("channels");

    const auto train_good = root_ / "train" / "good";
    std::error_code error;
    if (!fs::is_directory(train_good, error))
      throw InputError(train_good.string() + ": missing; an MVTec AD category needs train/good");
    for (const auto& file : image_files(train_good)) add(file, 0, false, {});
    const auto test_root = root_ / "test";
    auto defects = sub_folders(test_root);
    if (defects.empty())
      throw InputError(test_root.string() +
                       ": no defect folders (expected test/good and test/<defect>)");
    std::size_t test_images = 0;
    for (const auto& defect : defects) {
      const bool good = defect.filename() == "good";
      for (const auto& file : image_files(defect)) {
        auto mask = good ? fs::path()
                         : root_ / "ground_truth" / defect.filename() /
                               (file.stem().string() + "_mask.png");
        add(file, good ? 0 : 1, true, mask);
        ++test_images;
      }
    }
    autood::sdk::Dataset data;
    data.samples = torch::stack(images_);
    data.masks = torch::stack(masks_);
    data.labels = torch::tensor(labels_, torch::kLong);
    data.test_split = torch::tensor(test_split_, torch::kBool);
    data.class_names = {"good", "defective"};
    const std::string weight_map = params.get_string("weight_map");
    if (!weight_map.empty())
      data.weight_map = resize_image(read_image(weight_map, 1), height_, width_);
    data.description = "MVTec AD " + root_.filename().string() + " (" +
                       std::to_string(images_.size() - test_images) + " training, " +
                       std::to_string(test_images) + " test images at " + std::to_string(height_) +
                       "x" + std::to_string(width_) + ")";
    log.info("mvtec: " + data.description);
    return data;
  }

 private:
  void add(const fs::path& file, std::int64_t label, bool test, const fs::path& mask_file) {
    auto image = read_image(file, channels_);
    at::Tensor mask = torch::zeros({1, image.size(1), image.size(2)});
    if (!mask_file.empty()) {
      std::error_code error;
      if (!fs::exists(mask_file, error))
        throw InputError(mask_file.string() +
                         ": missing; every defective test image needs its mask");
      mask = read_image(mask_file, 1);
      if (mask.size(1) != image.size(1) || mask.size(2) != image.size(2))
        throw InputError(mask_file.string() + ": the mask is " + std::to_string(mask.size(2)) +
                         "x" + std::to_string(mask.size(1)) + " pixels but its image " +
                         file.string() + " is " + std::to_string(image.size(2)) + "x" +
                         std::to_string(image.size(1)));
    }
    images_.push_back(resize_image(image, height_, width_));
    masks_.push_back(resize_image(mask, height_, width_, true).gt(0.5).to(torch::kFloat));
    labels_.push_back(label);
    test_split_.push_back(test ? 1 : 0);
  }

  fs::path root_;
  std::int64_t height_ = 0, width_ = 0, channels_ = 3;
  std::vector<at::Tensor> images_, masks_;
  std::vector<std::int64_t> labels_;
  std::vector<std::uint8_t> test_split_;
};

void register_mvtec(autood::sdk::Registrar& registrar) {
  autood::sdk::DatasetChoice choice;
  choice.name = "mvtec";
  choice.summary = "one MVTec AD category: train/good, test/<defect>, ground_truth masks";
  choice.params = {
      {"path", std::string(), "the category folder, e.g. /data/mvtec_ad/bottle"},
      {"size", std::vector<std::int64_t>{64, 64}, "[height, width] images and masks are resized to",
       1, 16384},
      {"channels", std::int64_t{3}, "1 for grey, 3 for RGB", 1, 3},
      {"weight_map", std::string(),
       "optional grey PNG multiplying every anomaly map (Eq. 20), e.g. a region of interest"},
  };
  choice.create = [] { return std::make_shared<MvtecLoader>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("mvtec", "1.0.0", register_mvtec)
