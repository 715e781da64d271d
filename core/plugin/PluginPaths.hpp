#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace autood {

// The plugins installed beside the running binary: <prefix>/lib/autood/plugins, where the
// binary is <prefix>/bin/autood. The build tree has the same layout. A host that is not that
// binary (the Python module, loaded by python3) names the folder with set_builtin_plugin_dir.
std::filesystem::path builtin_plugin_dir();
void set_builtin_plugin_dir(const std::filesystem::path& dir);

// Where to look for plugins, in order: --plugin-path, AUTOOD_PLUGIN_PATH (colon-separated), the
// config's plugins.paths, then the built-in folder unless it is switched off. The first plugin
// of a name wins; later ones are reported as duplicates.
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::string>& from_cli,
                                                      const std::vector<std::string>& from_config,
                                                      bool builtin);

}  // namespace autood
