#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace autood {

// The number of points of a search space: a product of option counts that overflows 64 bits
// long before the paper's 3.9e23, so it is kept exactly as a decimal big integer.
class SpaceSize {
 public:
  void multiply(std::int64_t factor);
  std::string exact() const;       // "386856262...": every digit
  std::string scientific() const;  // "3.87e23"
  double log10() const;

 private:
  std::vector<std::uint32_t> limbs_{1};  // base 1e9, least significant first
};

}  // namespace autood
