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
  // Marker segments (FF xx, a 2-byte length that counts itself) up to the start of scan; the
  // entropy-coded data after it has no lengths, so only its end marker can be checked.
  std::size_t at = 2;
  while (true) {
    if (bytes.size() - at < 4) return at_byte(at, "the file ends inside the JPEG header");
    if (byte_at(bytes, at) != 0xff) return at_byte(at, "expected a JPEG marker");
    const std::uint32_t marker = byte_at(bytes, at + 1);
    if (marker == 0xff) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xd9) return at_byte(at, "end of image before any scan");
    const std::uint32_t length = (byte_at(bytes, at + 2) << 8) | byte_at(bytes, at + 3);
    if (length < 2 || length > bytes.size() - at - 2)
      return at_byte(at, "JPEG segment claims " + std::to_string(length) + " bytes, the file has " +
                             std::to_string(bytes.size() - at - 2) + " left");
    at += 2 + length;
    if (marker == 0xda) break;  // start of scan
  }
  // Trailing bytes after the end-of-image marker are common (camera padding); look for the marker
  // near the end rather than exactly at it.
  const std::size_t tail = bytes.size() > at + 4096 ? bytes.size() - 4096 : at;
  for (std::size_t i = bytes.size(); i-- > tail + 1;)
    if (byte_at(bytes, i - 1) == 0xff && byte_at(bytes, i) == 0xd9) return "";
  return at_byte(bytes.size(), "the file ends before the JPEG end-of-image marker (truncated?)");
}

}  // namespace autood::datasets
