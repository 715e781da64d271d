#pragma once
// One whole search as the `search` command runs it: config, plugins, data, space, controller,
// the loop and the run folder. `ablate` runs it once per variant and seed.
#include <filesystem>
#include <string>
#include <vector>

#include "cli/Session.hpp"

namespace autood {

struct SearchOutcome {
  std::filesystem::path run_dir;
  std::vector<double> rewards;  // every evaluation's validation reward, in order
  bool found_model = false;     // at least one child trained successfully
};

// run_dir empty means runs/<config>-<time>. With print, the best model and its test metrics
// are printed on stdout.
SearchOutcome run_search(const CommonOptions& common, const std::string& run_dir, bool print);

}  // namespace autood
