#include "ImageIntegrity.hpp"

#include <zlib.h>

#include <cstdint>

namespace autood::datasets {
namespace {

std::uint32_t byte_at(std::string_view bytes, std::size_t i) {
  return static_cast<unsigned char>(bytes[i]);
}

std::uint32_t big_endian32(std::string_view bytes, std::size_t at) {
  return (byte_at(bytes, at) << 24) | (byte_at(bytes, at + 1) << 16) |
         (byte_at(bytes, at + 2) << 8) | byte_at(bytes, at + 3);
}

std::string at_byte(std::size_t offset, const std::string& what) {
  return "byte " + std::to_string(offset) + ": " + what;
}

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

// A DHT segment's tables, each a class/id byte, 16 code counts and their symbols. More than 256
// symbols in one table overflow stb_image's fixed table (found by tests/fuzz/fuzz_image).
std::string huffman_table_fault(std::string_view bytes, std::size_t at, std::size_t end) {
  while (at < end) {
    if (end - at < 17) return at_byte(at, "a Huffman table is cut short");
    std::size_t symbols = 0;
    for (std::size_t i = 1; i <= 16; ++i) symbols += byte_at(bytes, at + i);
    if (symbols > 256)
      return at_byte(
          at, "a Huffman table claims " + std::to_string(symbols) + " symbols; at most 256 exist");
    if (symbols > end - at - 17) return at_byte(at, "a Huffman table is cut short");
    at += 17 + symbols;
  }
  return "";
}

}  // namespace

ImageFormat sniff_image_format(std::string_view bytes) {
  if (bytes.substr(0, 8) == kPngSignature) return ImageFormat::Png;
  if (bytes.size() >= 3 && byte_at(bytes, 0) == 0xff && byte_at(bytes, 1) == 0xd8 &&
      byte_at(bytes, 2) == 0xff)
    return ImageFormat::Jpeg;
  return ImageFormat::Unknown;
}

std::string png_integrity_fault(std::string_view bytes) {
  for (std::size_t i = 0; i < kPngSignature.size(); ++i)
    if (i >= bytes.size() || bytes[i] != kPngSignature[i])
      return at_byte(i, "not the PNG signature");
  std::size_t at = kPngSignature.size();
  bool first = true;
  while (at < bytes.size()) {
    if (bytes.size() - at < 12) return at_byte(at, "the file ends inside a chunk header");
    const std::uint32_t length = big_endian32(bytes, at);
    const std::string type(bytes.substr(at + 4, 4));
    if (length > bytes.size() - at - 12)
      return at_byte(at, "chunk '" + type + "' claims " + std::to_string(length) +
                             " bytes, the file has " + std::to_string(bytes.size() - at - 12) +
                             " left");
    if (first && type != "IHDR") return at_byte(at, "the first chunk is '" + type + "', not IHDR");
    first = false;
    const auto stored = big_endian32(bytes, at + 8 + length);
    const auto computed =
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data() + at + 4),
              static_cast<uInt>(length + 4));
    if (stored != computed) return at_byte(at, "chunk '" + type + "' fails its CRC");
    if (type == "IEND") return "";
    at += 12 + std::size_t{length};
  }
  return at_byte(bytes.size(), "the file ends before the IEND chunk");
}

std::string jpeg_integrity_fault(std::string_view bytes) {
  if (sniff_image_format(bytes) != ImageFormat::Jpeg) return at_byte(0, "not the JPEG signature");
  // Every marker segment (FF xx, a 2-byte length that counts itself) to the end-of-image marker.
  // A scan's entropy-coded data has no length: it runs to the next marker that is not a byte
  // stuffing (FF 00), a restart (FF D0-D7) or a fill byte. Progressive files put tables between
  // scans, so the walk goes on to the end rather than stopping at the first scan.
  const std::size_t size = bytes.size();
  std::size_t at = 2;
  bool scanned = false;
  while (true) {
    if (size - at < 2)
      return at_byte(size, scanned
                               ? "the file ends before the JPEG end-of-image marker (truncated?)"
                               : "the file ends inside the JPEG header");
    if (byte_at(bytes, at) != 0xff) return at_byte(at, "expected a JPEG marker");
    const std::uint32_t marker = byte_at(bytes, at + 1);
    if (marker == 0xff) {  // fill byte before a marker
      ++at;
      continue;
    }
    if (marker == 0xd9) return scanned ? "" : at_byte(at, "end of image before any scan");
    if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {  // no length
      at += 2;
      continue;
    }
    if (size - at < 4) return at_byte(at, "the file ends inside the JPEG header");
    const std::uint32_t length = (byte_at(bytes, at + 2) << 8) | byte_at(bytes, at + 3);
    if (length < 2 || length > size - at - 2)
      return at_byte(at, "JPEG segment claims " + std::to_string(length) + " bytes, the file has " +
                             std::to_string(size - at - 2) + " left");
    if (marker == 0xc4) {
      if (auto fault = huffman_table_fault(bytes, at + 4, at + 2 + length); !fault.empty())
        return fault;
    }
    at += 2 + length;
    if (marker != 0xda) continue;
    scanned = true;  // start of scan: skip its entropy-coded data
    while (at + 1 < size) {
      if (byte_at(bytes, at) != 0xff) {
        ++at;
        continue;
      }
      const std::uint32_t next = byte_at(bytes, at + 1);
      if (next == 0x00 || (next >= 0xd0 && next <= 0xd7))
        at += 2;
      else if (next == 0xff)
        ++at;
      else
        break;
    }
    if (at + 1 >= size) at = size;
  }
}

}  // namespace autood::datasets
