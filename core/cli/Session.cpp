#include "cli/Session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "autood/sdk/errors.hpp"
#include "log/Logging.hpp"
#include "plugin/PluginLoader.hpp"
#include "plugin/PluginPaths.hpp"

namespace autood {
namespace {

// The config's packs, then --pack's, each once, as absolute paths.
std::vector<std::string> pack_folders(const std::vector<std::string>& from_config,
                                      const std::vector<std::string>& from_cli) {
  std::vector<std::string> folders;
  for (const auto* list : {&from_config, &from_cli})
    for (const auto& folder : *list) {
      std::error_code error;
      auto absolute = std::filesystem::absolute(folder, error).lexically_normal().string();
      if (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
      if (std::find(folders.begin(), folders.end(), absolute) == folders.end())
        folders.push_back(absolute);
    }
  return folders;
}

// plugins.packs = [...] as a --set override, each path a TOML basic string.
std::string packs_override(const std::vector<std::string>& folders) {
  std::string value = "plugins.packs=[";
  for (const auto& folder : folders) {
    value += (value.back() == '[' ? "\"" : ", \"");
    for (char c : folder) {
      if (static_cast<unsigned char>(c) < 0x20) {
        value += fmt::format("\\u{:04x}", static_cast<int>(c));
        continue;
      }
      if (c == '"' || c == '\\') value += '\\';
      value += c;
    }
    value += '"';
  }
  return value + "]";
}

}  // namespace

std::unique_ptr<Session> open_session(const CommonOptions& options) {
  set_log_level(options.log_level);
  auto session = std::make_unique<Session>();
  auto overrides = options.overrides;
  const auto plugins = read_plugins_config(options.config_file, overrides);
  const auto folders = pack_folders(plugins.packs, options.packs);
  if (!options.packs.empty()) overrides.push_back(packs_override(folders));

  PluginLoader loader(session->registry, host_logger());
  session->reports = loader.load_paths(plugin_search_path(
      options.plugin_paths, plugins.paths, plugins.builtin && !options.no_builtin_plugins));
  PackLoader packs(loader, host_logger());
  session->packs = packs.load_all({folders.begin(), folders.end()});
  std::vector<std::string> defaults;
  for (const auto& pack : session->packs)
    if (pack.status == LoadStatus::Ok && !pack.defaults.empty())
      defaults.push_back(pack.defaults.string());

  session->config = load_config(options.config_file, overrides, defaults);
  if (options.strict || plugins.strict) {
    if (!all_ok(session->reports))
      throw sdk::InputError("some plugins failed to load (strict mode); see 'autood plugins'");
    if (!all_ok(session->packs))
      throw sdk::InputError("some packs failed to load (strict mode); see 'autood plugins'");
  }
  return session;
}

}  // namespace autood
