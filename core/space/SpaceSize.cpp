#include "space/SpaceSize.hpp"

#include <cmath>
#include <cstdio>

namespace autood {
namespace {
constexpr std::uint64_t kBase = 1000000000;
}

void SpaceSize::multiply(std::int64_t factor) {
  std::uint64_t carry = 0;
  for (auto& limb : limbs_) {
    std::uint64_t product = static_cast<std::uint64_t>(limb) * static_cast<std::uint64_t>(factor) + carry;
    limb = static_cast<std::uint32_t>(product % kBase);
    carry = product / kBase;
  }
  while (carry) {
    limbs_.push_back(static_cast<std::uint32_t>(carry % kBase));
    carry /= kBase;
  }
  while (limbs_.size() > 1 && limbs_.back() == 0) limbs_.pop_back();
}

std::string SpaceSize::exact() const {
  std::string text = std::to_string(limbs_.back());
  char digits[16];
  for (std::size_t i = limbs_.size() - 1; i-- > 0;) {
    std::snprintf(digits, sizeof digits, "%09u", limbs_[i]);
    text += digits;
  }
  return text;
}

double SpaceSize::log10() const {
  // The top two limbs carry far more precision than a double needs.
  double top = limbs_.back();
  std::size_t shift = limbs_.size() - 1;
  if (limbs_.size() > 1) {
    top = top * kBase + limbs_[limbs_.size() - 2];
    shift -= 1;
  }
  return std::log10(top) + 9.0 * static_cast<double>(shift);
}

std::string SpaceSize::scientific() const {
  std::string digits = exact();
  if (digits.size() < 7) return digits;
  char text[32];
  double mantissa = std::pow(10.0, log10() - std::floor(log10()));
  std::snprintf(text, sizeof text, "%.2fe%d", mantissa, static_cast<int>(std::floor(log10())));
  return text;
}

}  // namespace autood
