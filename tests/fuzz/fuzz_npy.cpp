// The .npy reader on any bytes: an InputError is the only allowed outcome besides a result, and
// memory must follow the bytes present (run with -malloc_limit_mb).
#include "FuzzSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "npy_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto array = autood_npy::read_npy(autood::fuzz::as_file(data, size, ".npy"));
    std::size_t product = 1;
    for (auto d : array.shape) product *= static_cast<std::size_t>(d);
    if (product != array.values.size()) __builtin_trap();  // the data must be what the shape says
  } catch (const autood::sdk::InputError&) {
  }
  return 0;
}
