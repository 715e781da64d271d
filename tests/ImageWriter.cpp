#include "ImageWriter.hpp"

#include <stdexcept>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace autood::test {

void write_png(const std::filesystem::path& file, const Pixels& p) {
  std::filesystem::create_directories(file.parent_path());
  if (!stbi_write_png(file.c_str(), p.width, p.height, p.channels, p.values.data(), p.width * p.channels))
    throw std::runtime_error("cannot write " + file.string());
}

void write_jpeg(const std::filesystem::path& file, const Pixels& p) {
  std::filesystem::create_directories(file.parent_path());
  if (!stbi_write_jpg(file.c_str(), p.width, p.height, p.channels, p.values.data(), 95))
    throw std::runtime_error("cannot write " + file.string());
}

}  // namespace autood::test
