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

// Reads an IDX file, gzipped or not. Throws autood::sdk::InputError naming the file and the
// byte offset (in the decompressed stream) of anything malformed or missing.
IdxArray read_idx(const std::string& path);

}  // namespace autood_idx
