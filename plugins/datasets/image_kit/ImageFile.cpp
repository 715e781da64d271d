#include "ImageFile.hpp"

#include <stb/stb_image.h>  // declarations only; StbImage.cpp holds the implementation
#include <torch/torch.h>

#include <fstream>
#include <memory>

#include "ImageIntegrity.hpp"
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
  if (channels != 1 && channels != 3)
    throw sdk::InputError("image channels must be 1 or 3, not " + std::to_string(channels));
  const std::string bytes = read_bytes(file);
  std::string fault;
  switch (sniff_image_format(bytes)) {
    case ImageFormat::Png:
      fault = png_integrity_fault(bytes);
      break;
    case ImageFormat::Jpeg:
      fault = jpeg_integrity_fault(bytes);
      break;
    case ImageFormat::Unknown:
      fault = "byte 0: neither a PNG nor a JPEG signature";
      break;
  }
  if (!fault.empty()) refuse(file, fault + "; the image is not decoded");
  int width = 0, height = 0, in_file = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> pixels(
      stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                            static_cast<int>(bytes.size()), &width, &height, &in_file,
                            static_cast<int>(channels)),
      stbi_image_free);
  if (!pixels) refuse(file, std::string("cannot decode the image (") + stbi_failure_reason() + ")");
  auto image = torch::from_blob(pixels.get(), {height, width, channels}, torch::kUInt8)
                   .permute({2, 0, 1})
                   .to(torch::kFloat)
                   .div_(255.0);
  return image.contiguous();
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
