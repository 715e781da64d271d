#pragma once
// PNG encoding for anomaly maps and report thumbnails (stb_image_write, from libstb-dev).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace autood {

// 8-bit pixels, rows top to bottom, `channels` 1 (grey) or 3 (RGB) interleaved.
std::string encode_png(int width, int height, int channels,
                       const std::vector<std::uint8_t>& pixels);
void write_png(const std::filesystem::path& file, int width, int height, int channels,
               const std::vector<std::uint8_t>& pixels);

}  // namespace autood
