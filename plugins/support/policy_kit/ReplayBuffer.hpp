#pragma once
// The self-imitation buffer (paper III.C, Algorithm 1 lines 13-14): the best `capacity`
// architectures seen so far with their rewards, each architecture at most once.
#include <cstddef>
#include <vector>

#include "autood/sdk/controller.hpp"

namespace autood::controllers {

class ReplayBuffer {
 public:
  explicit ReplayBuffer(std::size_t capacity) : capacity_(capacity) {}

  // Keeps the observation if it is among the best; an architecture already held keeps its
  // higher reward. On equal rewards the earlier entry stays.
  void add(const sdk::Observation& observation);
  const std::vector<sdk::Observation>& entries() const { return entries_; }  // best first
  std::size_t capacity() const { return capacity_; }
  void clear() { entries_.clear(); }

 private:
  std::size_t capacity_;
  std::vector<sdk::Observation> entries_;
};

}  // namespace autood::controllers
