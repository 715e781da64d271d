#pragma once
// SHA-256 (FIPS 180-4), for the checksums a model folder records of its files: the same digest
// `sha256sum` prints, so a user can check a model by hand.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace autood {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  // The digest as 64 lowercase hex digits; the object is spent afterwards.
  std::string hex();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes so far
};

std::string sha256_hex(std::string_view bytes);
// The digest of a file's bytes, read in blocks. Throws sdk::InputError naming the file if it
// cannot be read.
std::string sha256_of_file(const std::filesystem::path& file);

}  // namespace autood
