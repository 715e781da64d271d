#pragma once
// An image file's bytes to pixels, without LibTorch, so that the fuzzer runs exactly what the
// loaders run. The structure is checked first (ImageIntegrity.hpp): a corrupt file is refused.
#include <cstdint>
#include <string>
#include <vector>

namespace autood::datasets {

struct DecodedImage {
  int width = 0, height = 0, channels = 0;
  std::vector<std::uint8_t> pixels;  // height x width x channels, row by row
};

// channels 1 gives grey (RGB averaged), 3 gives RGB (grey replicated); alpha is dropped. Throws
// sdk::InputError starting with `name`, with the byte offset where the structure is broken.
DecodedImage decode_image(const std::string& bytes, int channels, const std::string& name);

}  // namespace autood::datasets
