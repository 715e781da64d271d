#pragma once
#include <CLI/CLI.hpp>

#include "cli/Session.hpp"

namespace autood {

// Each command adds its subcommand and options to the app, and returns the function to run it.
// The function returns the exit code: 0 for success, 1 for a user error.
using CommandRunner = std::function<int()>;

CommandRunner add_plugins_command(CLI::App& app, CommonOptions& common);
CommandRunner add_pack_command(CLI::App& app, CommonOptions& common);
CommandRunner add_space_command(CLI::App& app, CommonOptions& common);
CommandRunner add_search_command(CLI::App& app, CommonOptions& common);
CommandRunner add_compare_command(CLI::App& app, CommonOptions& common);
CommandRunner add_ablate_command(CLI::App& app, CommonOptions& common);
CommandRunner add_resume_command(CLI::App& app, CommonOptions& common);
CommandRunner add_export_command(CLI::App& app, CommonOptions& common);
CommandRunner add_export_csv_command(CLI::App& app, CommonOptions& common);
CommandRunner add_score_command(CLI::App& app, CommonOptions& common);
CommandRunner add_report_command(CLI::App& app, CommonOptions& common);
CommandRunner add_keys_command(CLI::App& app, CommonOptions& common);

// The options of commands that take a config: -c, --set, and the plugin options below.
void add_common_options(CLI::App& command, CommonOptions& common);
// The options of every command that loads plugins: --plugin-path, --pack, --no-builtin-plugins,
// --strict, --log-level. Commands that read a run's or a model's own config take only these.
void add_plugin_options(CLI::App& command, CommonOptions& common);

}  // namespace autood
