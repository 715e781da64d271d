#include "plugin/ElfCheck.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>

namespace autood {
namespace {

std::string truncated(const std::string& what, std::uint64_t needed, std::uint64_t size) {
  return "truncated: " + what + " need " + std::to_string(needed) + " bytes, the file has " +
         std::to_string(size);
}

}  // namespace

std::string elf_fault(const std::filesystem::path& file) {
  std::error_code error;
  const std::uint64_t size = std::filesystem::file_size(file, error);
  if (error) return "cannot read: " + error.message();
  std::ifstream in(file, std::ios::binary);
  Elf64_Ehdr header{};
  if (!in.read(reinterpret_cast<char*>(&header), sizeof header))
    return std::memcmp(header.e_ident, ELFMAG, SELFMAG) == 0 || size < SELFMAG
               ? truncated("the ELF header would", sizeof header, size)
               : "no ELF header";
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) return "no ELF header";
  if (header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_machine != EM_X86_64 && header.e_machine != EM_AARCH64)
    return "an ELF file for another machine";
  if (header.e_type != ET_DYN) return "an ELF file, but not a shared library";
  if (header.e_phentsize != sizeof(Elf64_Phdr)) return "malformed ELF program header size";
  // Every count and offset is checked in 64 bits; at most 65535 entries of 56 bytes each.
  const std::uint64_t ph_end = header.e_phoff + std::uint64_t{header.e_phnum} * sizeof(Elf64_Phdr);
  if (header.e_phoff > size || ph_end > size) return truncated("the program headers", ph_end, size);
  if (header.e_shnum > 0) {
    const std::uint64_t sh_end =
        header.e_shoff + std::uint64_t{header.e_shnum} * std::uint64_t{header.e_shentsize};
    if (header.e_shoff > size || sh_end > size)
      return truncated("the section headers", sh_end, size);
  }
  in.seekg(static_cast<std::streamoff>(header.e_phoff));
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment{};
    if (!in.read(reinterpret_cast<char*>(&segment), sizeof segment))
      return truncated("the program headers", ph_end, size);
    if (segment.p_type != PT_LOAD && segment.p_type != PT_DYNAMIC) continue;
    const std::uint64_t end = segment.p_offset + segment.p_filesz;
    if (segment.p_offset > size || end > size || end < segment.p_offset)
      return truncated("its loadable segments", end, size);
  }
  return "";
}

}  // namespace autood
