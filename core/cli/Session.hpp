#pragma once
#include <memory>
#include <string>
#include <vector>

#include "config/Config.hpp"
#include "plugin/LoadReport.hpp"
#include "plugin/PackLoader.hpp"
#include "plugin/Registry.hpp"

namespace autood {

// Options every command shares.
struct CommonOptions {
  std::string config_file;
  std::vector<std::string> overrides;  // --set key=value
  std::vector<std::string> plugin_paths;
  std::vector<std::string> packs;  // --pack DIR
  bool no_builtin_plugins = false;
  bool strict = false;
  std::string log_level = "info";
};

// A config read and the plugins loaded: what every command starts from.
struct Session {
  Config config;
  Registry registry;
  std::vector<LoadReport> reports;
  std::vector<PackReport> packs;
};

// Loads the plugins and the packs that the options and the config's [plugins] name, then reads
// the config over the loaded packs' defaults. --pack folders are written into plugins.packs (as
// absolute paths), so that a run's saved config loads the same packs on resume or export.
// Throws sdk::InputError on a bad config, or in strict mode when any plugin or pack failed.
std::unique_ptr<Session> open_session(const CommonOptions& options);

}  // namespace autood
