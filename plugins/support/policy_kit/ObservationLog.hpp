#pragma once
// Every architecture a controller was told about and its reward, oldest first: the population of
// evolution and the history of TPE. Saved into a StateArchive, so that a resumed search sees the
// same log.
#include <cstdint>
#include <string>
#include <vector>

#include "StateArchive.hpp"
#include "autood/sdk/controller.hpp"

namespace autood::controllers {

class ObservationLog {
 public:
  explicit ObservationLog(std::int64_t decisions) : decisions_(decisions) {}

  void add(const std::vector<sdk::Observation>& observations);
  std::size_t size() const { return rewards_.size(); }
  const sdk::Architecture& architecture(std::size_t i) const { return architectures_[i]; }
  double reward(std::size_t i) const { return rewards_[i]; }

  // The log goes under keys that start with prefix. Loading checks that every architecture has
  // this space's number of decisions, so a state from another space is refused.
  void save(StateArchive& archive, const std::string& prefix) const;
  void load(const StateArchive& archive, const std::string& prefix);

 private:
  std::int64_t decisions_;
  std::vector<sdk::Architecture> architectures_;
  std::vector<double> rewards_;
};

}  // namespace autood::controllers
