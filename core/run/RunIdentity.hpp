#pragma once
// What makes a run the same run: its resolved config, its plugins and search space, and its data.
// A run folder records them when the search starts; resume recomputes them and refuses to
// continue when any differs, naming what changed.
#include <string>

#include "store/TrialStore.hpp"

namespace autood {

struct RunIdentity {
  std::string config_toml;  // the resolved config
  std::string space_json;   // plugins with versions, and every decision's options
  std::string data_fingerprint;
  std::string data_description;
};

void record_identity(TrialStore& store, const RunIdentity& identity);

// Throws sdk::InputError listing the config keys, plugins, decisions or data that changed.
void check_identity(TrialStore& store, const RunIdentity& now);

}  // namespace autood
