#include "ImageFile.hpp"

#include <torch/torch.h>

#include <fstream>

#include "ImageDecode.hpp"
#include "autood/sdk/errors.hpp"

namespace autood::datasets {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& why) {
  throw sdk::InputError(file.string() + ": " + why);
}

// The whole file, refused before reading when it is beyond any image autood would train on.
std::string read_bytes(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) refuse(file, "cannot read: " + error.message());
  if (size > kMaxImageFileBytes)
    refuse(file, "is " + std::to_string(size) + " bytes; an image file may hold at most " +
                     std::to_string(kMaxImageFileBytes));
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    refuse(file, "cannot read: the file changed or ended while being read");
  return bytes;
}

}  // namespace

at::Tensor read_image(const std::filesystem::path& file, std::int64_t channels) {
  auto image = decode_image(read_bytes(file), static_cast<int>(channels), file.string());
  return torch::from_blob(image.pixels.data(), {image.height, image.width, image.channels},
                          torch::kUInt8)
      .permute({2, 0, 1})
      .to(torch::kFloat)
      .div_(255.0)
      .contiguous();
}

at::Tensor resize_image(const at::Tensor& image, std::int64_t height, std::int64_t width,
                        bool nearest) {
  if (image.size(1) == height && image.size(2) == width) return image;
  namespace F = torch::nn::functional;
  auto options = F::InterpolateFuncOptions().size(std::vector<std::int64_t>{height, width});
  if (nearest)
    options.mode(torch::kNearest);
  else
    options.mode(torch::kBilinear).align_corners(false);
  return F::interpolate(image.unsqueeze(0), options).squeeze(0).contiguous();
}

}  // namespace autood::datasets
