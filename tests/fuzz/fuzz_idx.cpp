// The IDX reader on any bytes, plain or gzipped: an InputError is the only allowed outcome
// besides a result, and memory must follow the bytes present (run with -malloc_limit_mb).
#include "FuzzSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "idx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto array = autood_idx::read_idx(autood::fuzz::as_file(data, size, ".idx"));
    std::size_t product = 1;
    for (auto d : array.dims) product *= static_cast<std::size_t>(d);
    if (product != array.data.size()) __builtin_trap();  // the data must be what the header says
  } catch (const autood::sdk::InputError&) {
  }
  return 0;
}
