#pragma once
// Which files under the plugin paths may be loaded. Loading a library runs its code, so a file
// that anyone on the machine could have replaced is refused, the way ssh refuses a key file with
// loose permissions; a path that is missing or an entry that cannot be read (a symlink loop) is
// reported and skipped, never fatal.
#include <filesystem>
#include <vector>

#include "autood/sdk/log.hpp"
#include "plugin/LoadReport.hpp"

namespace autood {

struct PluginFiles {
  std::vector<std::filesystem::path> loadable;  // in the order given, each folder sorted
  std::vector<LoadReport> refused;              // Unsafe, PathMissing or Unreadable, with why
};

// Every shared library below each folder (recursively) and each plain file given.
PluginFiles find_plugin_files(const std::vector<std::filesystem::path>& paths, sdk::Logger& log);

// Why `file` is not safe to load: it, or a folder between it and `root` (both included), is
// writable by others. "" when it is safe.
std::string unsafe_permissions(const std::filesystem::path& file,
                               const std::filesystem::path& root);

}  // namespace autood
