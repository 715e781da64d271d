#pragma once
// Whether a file is a whole 64-bit ELF shared library, checked by reading its headers only.
// dlopen maps a truncated library and dies of SIGBUS when it touches the missing pages, and
// Boost's ELF reader says only "iostream error", so the structure is checked first.
#include <filesystem>
#include <string>

namespace autood {

// "" for a whole ELF shared object of this machine; otherwise what is wrong, with byte offsets
// (for example: "truncated: the program headers need 14112 bytes, the file has 8000").
std::string elf_fault(const std::filesystem::path& file);

}  // namespace autood
