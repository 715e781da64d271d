#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace autood_idx {

// An IDX file of unsigned bytes (MNIST, Fashion-MNIST): its dimensions and its data.
struct IdxArray {
  std::vector<std::int64_t> dims;
  std::vector<std::uint8_t> data;
};

// The most data bytes an IDX file may claim (16 GiB): far beyond any image set autood trains on,
// and small enough that a forged header cannot make it try to allocate terabytes.
inline constexpr std::uint64_t kMaxIdxBytes = std::uint64_t{1} << 34;

// Reads an IDX file, gzipped or not. Throws autood::sdk::InputError naming the file and the
// byte offset (in the decompressed stream) of anything malformed or missing, or, for a gzip
// stream that is corrupt or cut short, the offset in the compressed file where zlib stopped.
IdxArray read_idx(const std::string& path);

}  // namespace autood_idx
