#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace autood::sdk {

// One option index per decision, in the order of ControllerContext::option_counts.
using Architecture = std::vector<std::int64_t>;

struct Observation {
  Architecture architecture;
  double reward = 0.0;
};

// A search strategy. It proposes a batch of architectures, then is told their rewards. Its whole
// state can be saved and restored, so that a search can resume exactly.
class AUTOOD_SDK_API Controller {
 public:
  virtual ~Controller();
  virtual std::vector<Architecture> propose(std::size_t count) = 0;
  virtual void observe(const std::vector<Observation>& observations) = 0;
  virtual std::string save_state() const = 0;
  virtual void load_state(const std::string& state) = 0;
};

}  // namespace autood::sdk
