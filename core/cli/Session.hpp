#pragma once
#include <memory>
#include <string>
#include <vector>

#include "config/Config.hpp"
#include "plugin/LoadReport.hpp"
#include "plugin/Registry.hpp"

namespace autood {

// Options every command shares.
struct CommonOptions {
  std::string config_file;
  std::vector<std::string> overrides;  // --set key=value
  std::vector<std::string> plugin_paths;
  bool no_builtin_plugins = false;
  bool strict = false;
  std::string log_level = "info";
};

// A config read and the plugins loaded: what every command starts from.
struct Session {
  Config config;
  Registry registry;
  std::vector<LoadReport> reports;
};

// Throws sdk::InputError on a bad config, or in strict mode when any plugin failed to load.
std::unique_ptr<Session> open_session(const CommonOptions& options);

}  // namespace autood
