#pragma once
// A controller whose whole state is its random generator and the log of what it was told:
// evolution and TPE. A subclass only proposes.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ObservationLog.hpp"
#include "autood/sdk/controller.hpp"

namespace autood::controllers {

class HistoryController : public sdk::Controller {
 public:
  // what names the controller in errors about a saved state.
  HistoryController(std::vector<std::int64_t> counts, std::uint64_t seed, std::string what);

  void observe(const std::vector<sdk::Observation>& observations) override;
  std::string save_state() const override;
  void load_state(const std::string& state) override;

 protected:
  std::vector<std::int64_t> counts_;
  std::mt19937_64 rng_;
  ObservationLog log_;

 private:
  std::string what_;
};

}  // namespace autood::controllers
