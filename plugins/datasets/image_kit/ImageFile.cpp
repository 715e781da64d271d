#include "ImageFile.hpp"

#include <torch/torch.h>

#include <memory>

#include "PngChunks.hpp"
#include "autood/sdk/errors.hpp"

#include <stb/stb_image.h>  // declarations only; StbImage.cpp holds the implementation

namespace autood::datasets {

at::Tensor read_image(const std::filesystem::path& file, std::int64_t channels) {
  if (channels != 1 && channels != 3)
    throw sdk::InputError("image channels must be 1 or 3, not " + std::to_string(channels));
  int width = 0, height = 0, in_file = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> pixels(
      stbi_load(file.c_str(), &width, &height, &in_file, static_cast<int>(channels)), stbi_image_free);
  if (!pixels) {
    std::string reason = stbi_failure_reason();
    auto extension = file.extension().string();
    std::string where = extension == ".png" || extension == ".PNG" ? png_structure_fault(file) : std::string();
    throw sdk::InputError(file.string() + (where.empty() ? "" : ": " + where) + ": cannot decode the image (" +
                          reason + ")");
  }
  auto image = torch::from_blob(pixels.get(), {height, width, channels}, torch::kUInt8)
                   .permute({2, 0, 1})
                   .to(torch::kFloat)
                   .div_(255.0);
  return image.contiguous();
}

at::Tensor resize_image(const at::Tensor& image, std::int64_t height, std::int64_t width, bool nearest) {
  if (image.size(1) == height && image.size(2) == width) return image;
  namespace F = torch::nn::functional;
  auto options = F::InterpolateFuncOptions().size(std::vector<std::int64_t>{height, width});
  if (nearest) options.mode(torch::kNearest);
  else options.mode(torch::kBilinear).align_corners(false);
  return F::interpolate(image.unsqueeze(0), options).squeeze(0).contiguous();
}

}  // namespace autood::datasets
