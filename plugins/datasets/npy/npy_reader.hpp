#pragma once
// NumPy's .npy files (format versions 1 to 3), as numpy.save writes them: a header that is a
// Python dict literal ('descr', 'fortran_order', 'shape'), then the array's bytes. Read without
// LibTorch, so that the fuzz harness compiles it alone.
#include <cstdint>
#include <string>
#include <vector>

namespace autood_npy {

// An array of numbers, widened to double (every integer of up to 2^53 exactly; floats as
// stored) in C order.
struct NpyArray {
  std::vector<std::int64_t> shape;
  std::vector<double> values;
  char kind = 'f';  // NumPy's dtype kind: 'f' float, 'i' signed, 'u' unsigned, 'b' bool
};

// The most values a file may hold (2^31): far beyond what autood trains on in memory, and small
// enough that a header cannot make the reader allocate what the file merely claims (the file's
// size is checked against the shape first).
inline constexpr std::uint64_t kMaxNpyValues = std::uint64_t{1} << 31;

// Reads a .npy file. Throws autood::sdk::InputError naming the file and the byte offset of
// anything malformed, unsupported (Fortran order, an object or string dtype) or cut short.
NpyArray read_npy(const std::string& path);

}  // namespace autood_npy
