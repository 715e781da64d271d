#include "idx_reader.hpp"

#include <zlib.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "autood/sdk/errors.hpp"

namespace autood_idx {
namespace {

using autood::sdk::InputError;

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// zlib's reason for a gzip stream it could not decompress, at the byte of the compressed file
// where it stopped: an offset in the decompressed data would point into bytes that do not exist.
[[noreturn]] void fail_gzip(gzFile file, const std::string& path) {
  int code = Z_OK;
  std::string reason = gzerror(file, &code);
  if (reason.rfind(path + ": ", 0) == 0) reason.erase(0, path.size() + 2);  // zlib names the path
  if (code == Z_ERRNO) throw InputError(path + ": cannot read: " + reason);
  const auto offset = static_cast<long long>(gzoffset(file));
  throw InputError(path + ": the gzip stream is corrupt" +
                   std::string(code == Z_BUF_ERROR ? " or cut short" : "") +
                   (offset >= 0 ? " at byte " + std::to_string(offset) + " of the compressed file"
                                : std::string()) +
                   " (zlib: " + reason + ")");
}

// gzread reads gzipped and plain files alike; it returns fewer bytes at the end of the file.
std::size_t read_bytes(gzFile file, void* into, std::size_t count, const std::string& path) {
  std::size_t done = 0;
  auto* bytes = static_cast<std::uint8_t*>(into);
  while (done < count) {
    unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(count - done, 1u << 30));
    int got = gzread(file, bytes + done, chunk);
    if (got < 0) fail_gzip(file, path);
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

// Reads a gzipped file to its end, which checks its length and CRC, and throws when the stream
// is corrupt or cut short. Garbage can decompress into a plausible header, so a fault in what
// was read is blamed on the content only once the gzip stream itself is known to be sound.
void check_gzip_stream(gzFile file, const std::string& path) {
  if (gzdirect(file)) return;
  std::vector<std::uint8_t> rest(std::size_t{1} << 16);
  while (read_bytes(file, rest.data(), rest.size(), path) == rest.size()) {
  }
  int code = Z_OK;
  gzerror(file, &code);
  if (code != Z_OK) fail_gzip(file, path);
}

// A fault in the IDX content, unless the gzip stream that holds it is broken.
[[noreturn]] void fail_content(gzFile file, const std::string& path, const std::string& what) {
  check_gzip_stream(file, path);
  throw InputError(path + ": " + what);
}

}  // namespace

IdxArray read_idx(const std::string& path) {
  // A folder opens, and would fail only at its first read, in errno's words.
  if (std::error_code ignored; std::filesystem::is_directory(path, ignored))
    throw InputError(path + ": is a folder, not an IDX file");
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) throw InputError(path + ": cannot open");
  std::uint8_t magic[4];
  if (read_bytes(file.get(), magic, 4, path) != 4)
    fail_content(file.get(), path, "byte 0: file ends before the 4-byte IDX magic");
  if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] == 0 || magic[3] > 4) {
    char text[64];
    std::snprintf(text, sizeof text, "%02x %02x %02x %02x", magic[0], magic[1], magic[2], magic[3]);
    fail_content(file.get(), path,
                 std::string("byte 0: bad IDX magic ") + text +
                     " (expected 00 00 08 0N: unsigned bytes with N dimensions)");
  }
  IdxArray array;
  std::size_t expected = 1;
  for (int d = 0; d < magic[3]; ++d) {
    std::uint8_t be[4];
    const std::size_t offset = 4 + 4 * static_cast<std::size_t>(d);
    if (read_bytes(file.get(), be, 4, path) != 4)
      fail_content(file.get(), path,
                   "byte " + std::to_string(offset) + ": file ends inside the header");
    const std::uint32_t size = (std::uint32_t{be[0]} << 24) | (std::uint32_t{be[1]} << 16) |
                               (std::uint32_t{be[2]} << 8) | std::uint32_t{be[3]};
    if (size == 0)
      fail_content(file.get(), path,
                   "byte " + std::to_string(offset) + ": dimension " + std::to_string(d) + " is 0");
    array.dims.push_back(size);
    // The product of the sizes is what the header claims; it must fit before anything is trusted.
    if (__builtin_mul_overflow(expected, std::size_t{size}, &expected) ||
        expected > std::size_t{kMaxIdxBytes})
      fail_content(file.get(), path,
                   "byte " + std::to_string(offset) + ": the dimensions claim more than " +
                       std::to_string(kMaxIdxBytes) +
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
    fail_content(file.get(), path,
                 "byte " + std::to_string(header + got) + ": truncated: the header promises " +
                     std::to_string(expected) + " data bytes, the file has " + std::to_string(got));
  check_gzip_stream(file.get(), path);
  return array;
}

}  // namespace autood_idx
