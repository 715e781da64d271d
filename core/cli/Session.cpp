#include "cli/Session.hpp"

#include "autood/sdk/errors.hpp"
#include "log/Logging.hpp"
#include "plugin/PluginLoader.hpp"
#include "plugin/PluginPaths.hpp"

namespace autood {

std::unique_ptr<Session> open_session(const CommonOptions& options) {
  set_log_level(options.log_level);
  auto session = std::make_unique<Session>();
  session->config = load_config(options.config_file, options.overrides);
  const auto& plugins = session->config.plugins;
  PluginLoader loader(session->registry, host_logger());
  session->reports = loader.load_paths(
      plugin_search_path(options.plugin_paths, plugins.paths, plugins.builtin && !options.no_builtin_plugins));
  if ((options.strict || plugins.strict) && !all_ok(session->reports))
    throw sdk::InputError("some plugins failed to load (strict mode); see 'autood plugins'");
  return session;
}

}  // namespace autood
