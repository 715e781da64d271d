#pragma once
// Every architecture a controller was told about and its reward, oldest first: the population of
// evolution and the history of TPE. Saved into a StateArchive, so that a resumed search sees the
// same log.
#include <cstdint>
#include <random>
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

// A decision's option drawn uniformly: what every controller proposes when it knows nothing yet.
std::int64_t uniform_option(std::int64_t options, std::mt19937_64& rng);
sdk::Architecture uniform_architecture(const std::vector<std::int64_t>& counts,
                                       std::mt19937_64& rng);

}  // namespace autood::controllers
