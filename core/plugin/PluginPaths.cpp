#include "plugin/PluginPaths.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <cstdlib>
#include <sstream>

namespace autood {

namespace {
std::filesystem::path& builtin_override() {
  static std::filesystem::path dir;
  return dir;
}
}  // namespace

void set_builtin_plugin_dir(const std::filesystem::path& dir) { builtin_override() = dir; }

std::filesystem::path builtin_plugin_dir() {
  if (!builtin_override().empty()) return builtin_override();
  std::filesystem::path binary = boost::dll::program_location();
  return binary.parent_path().parent_path() / "lib" / "autood" / "plugins";
}

std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::string>& from_cli,
                                                      const std::vector<std::string>& from_config,
                                                      bool builtin) {
  std::vector<std::filesystem::path> paths(from_cli.begin(), from_cli.end());
  if (const char* env = std::getenv("AUTOOD_PLUGIN_PATH")) {
    std::istringstream parts(env);
    for (std::string part; std::getline(parts, part, ':');)
      if (!part.empty()) paths.emplace_back(part);
  }
  paths.insert(paths.end(), from_config.begin(), from_config.end());
  if (builtin) paths.push_back(builtin_plugin_dir());
  return paths;
}

}  // namespace autood
