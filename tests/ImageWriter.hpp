#pragma once
// Writes the tests' own image fixtures: PNG or JPEG from 8-bit pixels [C, H, W].
#include <cstdint>
#include <filesystem>
#include <vector>

namespace autood::test {

struct Pixels {
  int channels = 1, height = 0, width = 0;
  std::vector<std::uint8_t> values;  // channel-interleaved rows, as image files hold them
  Pixels(int c, int h, int w, std::uint8_t fill = 0) : channels(c), height(h), width(w), values(c * h * w, fill) {}
  std::uint8_t& at(int row, int column, int channel = 0) { return values[(row * width + column) * channels + channel]; }
};

void write_png(const std::filesystem::path& file, const Pixels& pixels);
void write_jpeg(const std::filesystem::path& file, const Pixels& pixels);

}  // namespace autood::test
