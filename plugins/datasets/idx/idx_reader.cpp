#include "idx_reader.hpp"

#include <zlib.h>

#include <filesystem>
#include <memory>

#include "autood/sdk/errors.hpp"

namespace autood_idx {
namespace {

using autood::sdk::InputError;

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// gzread reads gzipped and plain files alike; it returns fewer bytes at the end of the file.
std::size_t read_bytes(gzFile file, void* into, std::size_t count, const std::string& path) {
  std::size_t done = 0;
  auto* bytes = static_cast<std::uint8_t*>(into);
  while (done < count) {
    unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(count - done, 1u << 30));
    int got = gzread(file, bytes + done, chunk);
    if (got < 0) {
      int code = 0;
      throw InputError(path + ": byte " + std::to_string(done) +
                       ": cannot decompress: " + gzerror(file, &code));
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

}  // namespace

IdxArray read_idx(const std::string& path) {
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) throw InputError(path + ": cannot open");
  std::uint8_t magic[4];
  if (read_bytes(file.get(), magic, 4, path) != 4)
    throw InputError(path + ": byte 0: file ends before the 4-byte IDX magic");
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] == 0 || magic[3] > 4) {
    char text[64];
    std::snprintf(text, sizeof text, "%02x %02x %02x %02x", magic[0], magic[1], magic[2], magic[3]);
    throw InputError(path + ": byte 0: bad IDX magic " + text +
                     " (expected 00 00 08 0N: unsigned bytes with N dimensions)");
  }
  IdxArray array;
  std::size_t expected = 1;
  for (int d = 0; d < magic[3]; ++d) {
    std::uint8_t be[4];
    const std::size_t offset = 4 + 4 * static_cast<std::size_t>(d);
    if (read_bytes(file.get(), be, 4, path) != 4)
      throw InputError(path + ": byte " + std::to_string(offset) + ": file ends inside the header");
    const std::uint32_t size = (std::uint32_t{be[0]} << 24) | (std::uint32_t{be[1]} << 16) |
                               (std::uint32_t{be[2]} << 8) | std::uint32_t{be[3]};
    if (size == 0)
      throw InputError(path + ": byte " + std::to_string(offset) + ": dimension " +
                       std::to_string(d) + " is 0");
    array.dims.push_back(size);
    // The product of the sizes is what the header claims; it must fit before anything is trusted.
    if (__builtin_mul_overflow(expected, std::size_t{size}, &expected) ||
        expected > std::size_t{kMaxIdxBytes})
      throw InputError(path + ": byte " + std::to_string(offset) +
                       ": the dimensions claim more than " + std::to_string(kMaxIdxBytes) +
                       " data bytes; this is not an IDX file autood can hold");
  }
  const std::size_t header = 4 + 4 * static_cast<std::size_t>(magic[3]);
  // A plain file's size is known: a short one is refused before anything is allocated. A gzipped
  // one is read in slices, so memory follows the bytes actually present, never the header's claim.
  if (gzdirect(file.get())) {
    std::error_code error;
    const auto bytes = std::filesystem::file_size(path, error);
    if (!error && bytes < header + expected)
      throw InputError(path + ": byte " + std::to_string(bytes) +
                       ": truncated: the header promises " + std::to_string(expected) +
                       " data bytes, the file has " + std::to_string(bytes - header));
  }
  constexpr std::size_t kSlice = std::size_t{64} << 20;
  std::size_t got = 0;
  while (got < expected) {
    const std::size_t want = std::min(kSlice, expected - got);
    array.data.resize(got + want);
    const std::size_t read = read_bytes(file.get(), array.data.data() + got, want, path);
    got += read;
    if (read < want) break;
  }
  if (got != expected)
    throw InputError(path + ": byte " + std::to_string(header + got) +
                     ": truncated: the header promises " + std::to_string(expected) +
                     " data bytes, the file has " + std::to_string(got));
  return array;
}

}  // namespace autood_idx
