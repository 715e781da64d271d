#include <filesystem>

#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"
#include "cli/RunSearch.hpp"
#include "run/RunFolder.hpp"
#include "session/RunDirectory.hpp"

namespace autood {

CommandRunner add_search_command(CLI::App& app, CommonOptions& common) {
  auto* command =
      app.add_subcommand("search", "Search for the best outlier detector on the configured data");
  add_common_options(*command, common);
  static std::string run_dir;
  static bool overwrite = false, continue_run = false;
  static DistributedOptions distributed;
  add_distributed_options(*command, distributed);
  command->add_option("--run-dir", run_dir,
                      "Folder for the run's outputs (default: runs/<config>-<time>)");
  auto* overwrite_flag = command->add_flag(
      "--overwrite", overwrite, "Replace a run already in --run-dir instead of refusing");
  command
      ->add_flag(
          "--continue", continue_run,
          "If --run-dir holds a run of this same config, continue it to its budget instead of "
          "refusing (a changed config is refused); if not, start one")
      ->excludes(overwrite_flag);
  return [&common]() {
    auto mode = overwrite ? SearchSession::Mode::Overwrite : SearchSession::Mode::Start;
    if (continue_run) {
      if (run_dir.empty()) throw sdk::InputError("--continue needs --run-dir");
      mode = SearchSession::continue_mode(run_dir);
    }
    return search_command(common, run_dir, mode, distributed);
  };
}

CommandRunner add_resume_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand(
      "resume",
      "Continue a search that was stopped or killed, from its run folder, to the same budget.\n"
      "It trains no finished trial again; a changed config, data or plugin set is refused.");
  static std::string run_dir;
  command->add_option("run_dir", run_dir, "The run folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  add_plugin_options(*command, common);
  static DistributedOptions distributed;
  add_distributed_options(*command, distributed);
  return [&common]() {
    common.config_file = config_to_resume(run_dir).string();
    return search_command(common, run_dir, SearchSession::Mode::Resume, distributed);
  };
}

}  // namespace autood
