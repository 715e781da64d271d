#pragma once
// Whether an image file is whole before it is decoded. stb_image is written for trusted assets:
// it decodes a PNG whose chunks fail their CRC, and a cut-off JPEG, into garbage without a word.
// These checks walk the container first and give the first fault with its byte offset.
#include <string>
#include <string_view>

namespace autood::datasets {

enum class ImageFormat { Png, Jpeg, Unknown };

ImageFormat sniff_image_format(std::string_view bytes);

// "byte N: ..." for the first fault in the signature or any chunk (length, type, CRC, the final
// IEND), or "" when every chunk is sound.
std::string png_integrity_fault(std::string_view bytes);

// "byte N: ..." for the first fault in the marker segments (lengths, Huffman tables) anywhere in
// the file, or a missing end-of-image marker (a truncated download), or "" when it is whole.
// Bytes after the end-of-image marker are ignored, as cameras pad files.
std::string jpeg_integrity_fault(std::string_view bytes);

}  // namespace autood::datasets
