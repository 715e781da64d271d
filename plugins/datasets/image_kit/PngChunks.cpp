#include "PngChunks.hpp"

#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

namespace autood::datasets {
namespace {

std::uint32_t big_endian(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

std::string png_structure_fault(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  for (std::size_t i = 0; i < 8; ++i)
    if (i >= bytes.size() || bytes[i] != signature[i]) return "byte " + std::to_string(i) + ": not the PNG signature";
  std::size_t at = 8;
  while (at < bytes.size()) {
    if (bytes.size() - at < 12) return "byte " + std::to_string(at) + ": the file ends inside a chunk header";
    const auto length = big_endian(&bytes[at]);
    const std::string type(bytes.begin() + static_cast<std::ptrdiff_t>(at + 4), bytes.begin() + static_cast<std::ptrdiff_t>(at + 8));
    if (length > bytes.size() - at - 12)
      return "byte " + std::to_string(at) + ": chunk '" + type + "' claims " + std::to_string(length) +
             " bytes, the file has " + std::to_string(bytes.size() - at - 12) + " left";
    const auto stored = big_endian(&bytes[at + 8 + length]);
    const auto computed = crc32(crc32(0L, Z_NULL, 0), &bytes[at + 4], static_cast<uInt>(length + 4));
    if (stored != computed) return "byte " + std::to_string(at) + ": chunk '" + type + "' fails its CRC";
    if (type == "IEND") return "";
    at += 12 + length;
  }
  return "byte " + std::to_string(bytes.size()) + ": the file ends before the IEND chunk";
}

}  // namespace autood::datasets
