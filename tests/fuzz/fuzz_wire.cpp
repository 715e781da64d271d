// The MPI wire format on any bytes, as rank 0 and a worker read them: each decoder gives a message
// or a std::runtime_error. Any other exception would end rank 0 with an internal error. A message
// that decodes must also encode to bytes that decode to the same message.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "distributed/WireFormat.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autood;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    const auto hello = decode_hello(bytes);
    if (decode_hello(encode(hello)).config != hello.config) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  try {
    const auto task = decode_task(bytes);
    const auto again = decode_task(encode(task));
    if (again.architecture != task.architecture || again.seed != task.seed) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  try {
    const auto result = decode_result(bytes);
    const auto again = decode_result(encode(result));
    if (again.record.architecture != result.record.architecture ||
        again.weights != result.weights || again.test_scores.size() != result.test_scores.size())
      __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
