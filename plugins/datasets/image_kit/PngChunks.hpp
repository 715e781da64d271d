#pragma once
// Where a PNG file is broken, when a decoder only says that it is: the signature, then every
// chunk's length, type and CRC are checked in order, and the first fault is given with its
// byte offset.
#include <filesystem>
#include <string>

namespace autood::datasets {

// "byte N: ..." for the first structural fault, or "" when the chunks are sound (the fault is
// then inside the compressed pixels).
std::string png_structure_fault(const std::filesystem::path& file);

}  // namespace autood::datasets
