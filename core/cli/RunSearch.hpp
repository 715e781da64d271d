#pragma once
// One whole search as `search`, `resume` and `ablate` run it: open the session (config and
// plugins), run the SearchSession, print the best model.
#include <filesystem>
#include <string>
#include <vector>

#include "cli/Session.hpp"
#include "search/SearchSession.hpp"

namespace autood {

struct SearchOutcome {
  std::filesystem::path run_dir;
  std::vector<double> rewards;  // every evaluation's validation reward, in order
  bool found_model = false;     // at least one child trained successfully
};

// run_dir empty means runs/<config>-<time>. With print, the best model, its test metrics and
// where the model and report are, on stdout.
SearchOutcome run_search(const CommonOptions& common, const std::string& run_dir,
                         SearchSession::Mode mode, bool print);

}  // namespace autood
