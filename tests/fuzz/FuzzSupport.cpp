#include "FuzzSupport.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/log.hpp"

// The SDK's exception classes and its Logger keep their destructors out of line, in the SDK
// library, which also holds LibTorch interfaces; the harnesses define them here instead.
namespace autood::sdk {
Rejected::~Rejected() = default;
InputError::~InputError() = default;
Logger::~Logger() = default;
}  // namespace autood::sdk

namespace autood::fuzz {

std::string as_file(const std::uint8_t* data, std::size_t size, const std::string& suffix) {
  static const std::string folder = std::filesystem::is_directory("/dev/shm")
                                        ? "/dev/shm"
                                        : std::filesystem::temp_directory_path().string();
  const std::string path = folder + "/autood-fuzz-" + std::to_string(::getpid()) + suffix;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr || std::fwrite(data, 1, size, file) != size || std::fclose(file) != 0)
    throw std::runtime_error("cannot write the fuzz input to " + path);
  return path;
}

}  // namespace autood::fuzz
