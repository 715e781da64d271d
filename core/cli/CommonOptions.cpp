#include "cli/Commands.hpp"

namespace autood {

void add_plugin_options(CLI::App& command, CommonOptions& common) {
  command.add_option("--plugin-path", common.plugin_paths,
                     "Extra plugin folder or file (also AUTOOD_PLUGIN_PATH, colon-separated)");
  command
      .add_option("--pack", common.packs,
                  "Load a plugin pack: a folder with a pack.toml (repeatable; also plugins.packs)")
      ->type_name("DIR");
  command.add_flag("--no-builtin-plugins", common.no_builtin_plugins,
                   "Do not load the plugins installed beside autood");
  command.add_flag("--strict", common.strict, "Fail (exit 1) if any plugin or pack does not load");
  command.add_option("--log-level", common.log_level, "debug, info or warn")
      ->check(CLI::IsMember({"debug", "info", "warn"}));
}

void add_common_options(CLI::App& command, CommonOptions& common) {
  command.add_option("-c,--config", common.config_file, "TOML config file")
      ->check(CLI::ExistingFile);
  command
      .add_option("--set", common.overrides, "Override a config key, e.g. --set search.budget=20")
      ->type_name("KEY=VALUE");
  add_plugin_options(command, common);
}

}  // namespace autood
