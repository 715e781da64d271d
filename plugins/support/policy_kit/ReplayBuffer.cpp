#include "ReplayBuffer.hpp"

#include <algorithm>

namespace autood::controllers {

void ReplayBuffer::add(const sdk::Observation& observation) {
  if (capacity_ == 0) return;
  auto same = std::find_if(entries_.begin(), entries_.end(),
                           [&](const sdk::Observation& held) { return held.architecture == observation.architecture; });
  if (same != entries_.end()) {
    if (observation.reward <= same->reward) return;
    entries_.erase(same);
  }
  auto position = std::find_if(entries_.begin(), entries_.end(),
                               [&](const sdk::Observation& held) { return held.reward < observation.reward; });
  entries_.insert(position, observation);
  if (entries_.size() > capacity_) entries_.pop_back();
}

}  // namespace autood::controllers
