#include "cli/Commands.hpp"
#include "cli/RunSearch.hpp"

namespace autood {

CommandRunner add_search_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand("search", "Search for the best outlier detector on the configured data");
  add_common_options(*command, common);
  static std::string run_dir;
  command->add_option("--run-dir", run_dir, "Folder for the run's outputs (default: runs/<config>-<time>)");
  return [&common]() { return run_search(common, run_dir, true).found_model ? 0 : 1; };
}

}  // namespace autood
