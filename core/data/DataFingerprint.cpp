#include "data/DataFingerprint.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <cstring>

namespace autood {
namespace {

// FNV-1a over 64-bit words: fast enough for a whole image set, and any changed byte shows.
class Hash {
 public:
  void add(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      mix(word);
    }
    for (; i < size; ++i) mix(bytes[i]);
    mix(size);
  }
  void add(const at::Tensor& tensor) {
    if (!tensor.defined()) return mix(0);
    auto cpu = tensor.to(torch::kCPU).contiguous();
    for (auto d : cpu.sizes()) mix(static_cast<std::uint64_t>(d));
    add(cpu.data_ptr(), static_cast<std::size_t>(cpu.nbytes()));
  }
  void add(const std::vector<int>& values) { add(values.data(), values.size() * sizeof(int)); }
  std::uint64_t value() const { return state_; }

 private:
  void mix(std::uint64_t word) { state_ = (state_ ^ word) * 0x100000001b3ULL; }
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::string data_fingerprint(const DataSplits& splits) {
  Hash hash;
  hash.add(splits.train);
  if (splits.train_labels.defined()) hash.add(splits.train_labels);
  for (const auto* set : {&splits.validation, &splits.test}) {
    hash.add(set->samples);
    hash.add(set->is_outlier);
    hash.add(set->masks);
  }
  return fmt::format("{:016x}", hash.value());
}

}  // namespace autood
