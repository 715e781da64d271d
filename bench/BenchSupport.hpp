#pragma once
// What every benchmark starts with: its thread pools bounded, quiet logs, and the plugins built
// beside it loaded into a registry.
#include <cstdint>

#include "compute/Device.hpp"
#include "log/Logging.hpp"
#include "plugin/PluginLoader.hpp"
#include "plugin/PluginPaths.hpp"
#include "plugin/Registry.hpp"

namespace autood::bench {

// threads: as train.threads (0 means every core).
inline void load_builtin_plugins(Registry& registry, std::int64_t threads) {
  configure_threads(threads);
  set_log_level("warn");
  PluginLoader loader(registry, host_logger());
  loader.load_paths({builtin_plugin_dir()});
}

}  // namespace autood::bench
