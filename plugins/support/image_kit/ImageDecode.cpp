#include "ImageDecode.hpp"

#include <jpeglib.h>
#include <png.h>

#include <csetjmp>
#include <cstring>

#include "ImageIntegrity.hpp"
#include "autood/sdk/errors.hpp"

namespace autood::datasets {
namespace {

// The largest side decoded: a forged header cannot make a loader allocate more than about
// 16384 x 16384 x 4 bytes (1 GiB).
constexpr std::uint32_t kMaxSide = 16384;

[[noreturn]] void refuse(const std::string& name, const std::string& why) {
  throw sdk::InputError(name + ": " + why);
}

// "" when both sides are from 1 to kMaxSide, else why not.
std::string size_fault(std::uint32_t width, std::uint32_t height) {
  if (width >= 1 && height >= 1 && width <= kMaxSide && height <= kMaxSide) return "";
  return "the image is " + std::to_string(width) + "x" + std::to_string(height) +
         "; each side must be from 1 to " + std::to_string(kMaxSide);
}

// RGB(A) pixels, `stride` bytes apart, to the channels asked for: RGB as it is, or grey with
// the ITU-R BT.601 weights (77, 150, 29) / 256 that stb_image used. Alpha is dropped.
DecodedImage from_rgb(const std::vector<std::uint8_t>& rgb, int stride, std::uint32_t width,
                      std::uint32_t height, int channels) {
  DecodedImage image;
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  image.channels = channels;
  const std::size_t count = std::size_t{width} * height;
  image.pixels.resize(count * static_cast<std::size_t>(channels));
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t* p = &rgb[i * static_cast<std::size_t>(stride)];
    if (channels == 3)
      std::memcpy(&image.pixels[i * 3], p, 3);
    else
      image.pixels[i] = static_cast<std::uint8_t>((p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8);
  }
  return image;
}

// libpng's simplified API: it checks every chunk's CRC and the zlib stream's Adler-32.
DecodedImage decode_png(const std::string& bytes, int channels, const std::string& name) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()))
    refuse(name, std::string("cannot decode the PNG (") + png.message + ")");
  if (auto fault = size_fault(png.width, png.height); !fault.empty()) {
    png_image_free(&png);
    refuse(name, fault);
  }
  // 8-bit RGBA (libpng expands palettes and grey, reduces 16-bit samples); alpha is then
  // dropped, not composited, as stb_image did.
  png.format = PNG_FORMAT_RGBA;
  std::vector<std::uint8_t> rgba(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, rgba.data(), 0, nullptr))
    refuse(name, std::string("cannot decode the PNG (") + png.message + ")");
  return from_rgb(rgba, 4, png.width, png.height, channels);
}

// libjpeg reports errors by longjmp; its warnings ("Corrupt JPEG data", "Premature end of JPEG
// file") are errors here too, since the pixels after them are guesses.
struct JpegFailure {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr info) {
  auto* failure = reinterpret_cast<JpegFailure*>(info->err);
  info->err->format_message(info, failure->message);
  std::longjmp(failure->jump, 1);
}

void jpeg_message(j_common_ptr info, int level) {
  if (level < 0) jpeg_fail(info);  // a warning: corrupt data
}

DecodedImage decode_jpeg(const std::string& bytes, int channels, const std::string& name) {
  // No object with a destructor may be alive across a libjpeg call made after setjmp: a longjmp
  // would skip it. The ones that must last are declared before setjmp.
  jpeg_decompress_struct info;
  JpegFailure failure;
  std::vector<std::uint8_t> rgb;
  std::uint32_t width = 0, height = 0;
  info.err = jpeg_std_error(&failure.manager);
  failure.manager.error_exit = jpeg_fail;
  failure.manager.emit_message = jpeg_message;
  jpeg_create_decompress(&info);
  if (setjmp(failure.jump)) {
    jpeg_destroy_decompress(&info);
    refuse(name, std::string("cannot decode the JPEG (") + failure.message + ")");
  }
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  width = info.image_width;
  height = info.image_height;
  if (auto fault = size_fault(width, height); !fault.empty()) {
    jpeg_destroy_decompress(&info);
    refuse(name, fault);
  }
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&info);
  rgb.resize(std::size_t{width} * height * 3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = &rgb[std::size_t{info.output_scanline} * width * 3];
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return from_rgb(rgb, 3, width, height, channels);
}

}  // namespace

DecodedImage decode_image(const std::string& bytes, int channels, const std::string& name) {
  if (channels != 1 && channels != 3)
    throw sdk::InputError("image channels must be 1 or 3, not " + std::to_string(channels));
  // The structural checks come first for their byte offsets; the decoders then check the rest.
  switch (sniff_image_format(bytes)) {
    case ImageFormat::Png:
      if (auto fault = png_integrity_fault(bytes); !fault.empty())
        refuse(name, fault + "; the image is not decoded");
      return decode_png(bytes, channels, name);
    case ImageFormat::Jpeg:
      if (auto fault = jpeg_integrity_fault(bytes); !fault.empty())
        refuse(name, fault + "; the image is not decoded");
      return decode_jpeg(bytes, channels, name);
    case ImageFormat::Unknown:
      break;
  }
  refuse(name, "byte 0: neither a PNG nor a JPEG signature; the image is not decoded");
}

}  // namespace autood::datasets
