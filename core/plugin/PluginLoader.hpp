#pragma once
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "autood/sdk/log.hpp"
#include "autood/sdk/registrar.hpp"
#include "plugin/LoadReport.hpp"
#include "plugin/Registry.hpp"

namespace autood {

// Loads plugin files into a registry. Each file is checked before it runs any code of ours:
// it must export the entry alias, load with every symbol resolved, match the ABI and the build
// key, and register without throwing or clashing. A rejected file is reported and skipped.
class PluginLoader {
 public:
  // The registry may already hold plugins (a session's); their names count as taken.
  PluginLoader(Registry& registry, sdk::Logger& log);

  LoadReport load_file(const std::filesystem::path& path);

  // The files of one pack, as one unit: every file loads, or the registry is left as it was
  // (the libraries stay mapped, as every loaded library does). The reports say each file's fate.
  std::vector<LoadReport> load_together(const std::vector<std::filesystem::path>& files,
                                        const std::string& pack);

  // Every shared library below each folder (recursively, in sorted order); plain files are
  // loaded as they are. What find_plugin_files refuses (unsafe, missing, unreadable) is reported
  // with a warning and skipped, so that --strict can fail on it.
  std::vector<LoadReport> load_paths(const std::vector<std::filesystem::path>& paths);

 private:
  LoadReport register_plugin(const std::filesystem::path& path, LoadReport report,
                             void (*register_choices)(sdk::Registrar&));

  Registry& registry_;
  sdk::Logger& log_;
  std::set<std::string> loaded_files_;
  std::set<std::string> plugin_names_;
  std::string pack_;  // the pack being loaded, recorded in each plugin's provenance
};

}  // namespace autood
