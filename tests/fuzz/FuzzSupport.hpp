#pragma once
// What every harness shares: the input as a file (the readers take paths, as the loaders do).
#include <cstddef>
#include <cstdint>
#include <string>

namespace autood::fuzz {

// Writes the input to this process's scratch file (in /dev/shm when there is one) and returns
// its path; `suffix` keeps the extension a reader may look at.
std::string as_file(const std::uint8_t* data, std::size_t size, const std::string& suffix);

}  // namespace autood::fuzz
