#pragma once
// Loads packs: folders with a pack.toml manifest, the plugin libraries it lists and an optional
// config fragment of defaults. A pack is all or nothing: a malformed manifest, an ABI or build
// key that does not match this host, a listed library that is missing, unsafe or not a plugin,
// or a name that clashes with a loaded plugin rejects the whole pack with one message, and the
// host goes on with everything else.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "autood/sdk/log.hpp"
#include "plugin/LoadReport.hpp"
#include "plugin/PluginLoader.hpp"

namespace autood {

struct PackReport {
  std::string folder;
  std::string name;  // from the manifest, once it could be read
  std::string version;
  std::string description;
  LoadStatus status = LoadStatus::Ok;
  std::string message;                // what it registered, or the reason it was rejected
  std::vector<LoadReport> libraries;  // each listed library, as far as loading got
  std::filesystem::path defaults;     // its config fragment when it loaded and has one
};

bool all_ok(const std::vector<PackReport>& reports);

class PackLoader {
 public:
  PackLoader(PluginLoader& plugins, sdk::Logger& log) : plugins_(plugins), log_(log) {}

  // One pack; a rejected pack is warned about and leaves no plugin registered.
  PackReport load(const std::filesystem::path& folder);
  std::vector<PackReport> load_all(const std::vector<std::filesystem::path>& folders);

 private:
  PackReport check_and_load(const std::filesystem::path& folder);

  PluginLoader& plugins_;
  sdk::Logger& log_;
  std::set<std::string> pack_names_;
};

}  // namespace autood
