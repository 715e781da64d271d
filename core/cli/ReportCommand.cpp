#include <iostream>

#include "cli/Commands.hpp"
#include "log/Logging.hpp"
#include "report/HtmlReport.hpp"

namespace autood {

CommandRunner add_report_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand(
      "report", "Write RUN_DIR/report.html: one self-contained page of plots and tables");
  static std::string run_dir;
  command->add_option("run_dir", run_dir, "The run folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--log-level", common.log_level, "debug, info or warn")
      ->check(CLI::IsMember({"debug", "info", "warn"}));
  return []() {
    std::cout << "wrote " << write_report(run_dir, host_logger()).string() << "\n";
    return 0;
  };
}

}  // namespace autood
