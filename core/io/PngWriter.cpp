#include "io/PngWriter.hpp"

#include "autood/sdk/errors.hpp"
#include "io/AtomicFile.hpp"

// Static: the test suite links its own copy of stb_image_write.
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace autood {

std::string encode_png(int width, int height, int channels,
                       const std::vector<std::uint8_t>& pixels) {
  if (pixels.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                           static_cast<std::size_t>(channels))
    throw std::logic_error("encode_png: the pixels do not fill the image");
  std::string bytes;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &bytes, width, height, channels, pixels.data(),
                              width * channels))
    throw std::runtime_error("cannot encode a PNG");
  return bytes;
}

void write_png(const std::filesystem::path& file, int width, int height, int channels,
               const std::vector<std::uint8_t>& pixels) {
  write_file_atomically(file, encode_png(width, height, channels, pixels));
}

}  // namespace autood
