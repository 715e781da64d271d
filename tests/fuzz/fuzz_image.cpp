// Image decoding as the loaders run it: the integrity checks, then libpng or libjpeg. Any bytes
// give pixels of the size decoded, or an InputError. A mutated PNG almost always fails its CRC
// and stops at the check, so each input is also tried with its chunk CRCs made right, as a
// forged file would have them: that is what reaches libpng.
#include <zlib.h>

#include "FuzzSupport.hpp"
#include "ImageDecode.hpp"
#include "autood/sdk/errors.hpp"

namespace {

void decode(const std::string& bytes) {
  for (int channels : {1, 3}) {
    try {
      auto image = autood::datasets::decode_image(bytes, channels, "fuzz");
      if (image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * channels)
        __builtin_trap();
    } catch (const autood::sdk::InputError&) {
    }
  }
}

std::string with_right_crcs(std::string bytes) {
  std::size_t at = 8;
  while (at + 12 <= bytes.size()) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    const std::size_t length = (std::size_t{p[0]} << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
    if (length > bytes.size() - at - 12) break;
    const auto crc = crc32(0, p + 4, static_cast<uInt>(length + 4));
    for (int i = 0; i < 4; ++i)
      bytes[at + 8 + length + i] = static_cast<char>((crc >> (24 - 8 * i)) & 0xff);
    at += 12 + length;
  }
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  decode(bytes);
  if (bytes.compare(0, 8, "\x89PNG\r\n\x1a\n", 8) == 0) decode(with_right_crcs(bytes));
  return 0;
}
