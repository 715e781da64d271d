#include <fmt/format.h>

#include <iostream>

#include "cli/Commands.hpp"

namespace autood {

CommandRunner add_plugins_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand("plugins", "Load every plugin and print the load report");
  add_common_options(*command, common);
  return [&common]() {
    auto session = open_session(common);
    std::cout << fmt::format("{:<17} {:<16} {:<8} {}\n", "STATUS", "PLUGIN", "VERSION", "FILE / DETAILS");
    for (const auto& report : session->reports) {
      std::cout << fmt::format("{:<17} {:<16} {:<8} {}\n", to_string(report.status),
                               report.plugin.empty() ? "-" : report.plugin,
                               report.version.empty() ? "-" : report.version, report.path);
      std::cout << fmt::format("{:<43} {}\n", "", report.message);
    }
    std::size_t ok = 0;
    for (const auto& report : session->reports) ok += report.status == LoadStatus::Ok;
    std::cout << fmt::format("{} of {} plugin files loaded\n", ok, session->reports.size());
    return common.strict && ok != session->reports.size() ? 1 : 0;
  };
}

}  // namespace autood
