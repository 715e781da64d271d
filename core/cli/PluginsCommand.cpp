#include <fmt/format.h>

#include <iostream>

#include "cli/Commands.hpp"

namespace autood {
namespace {

const char* or_dash(const std::string& text) { return text.empty() ? "-" : text.c_str(); }

void print_plugins(const std::vector<LoadReport>& reports) {
  std::cout << fmt::format("{:<17} {:<16} {:<8} {:<12} {}\n", "STATUS", "PLUGIN", "VERSION", "PACK",
                           "FILE / DETAILS");
  for (const auto& report : reports) {
    std::cout << fmt::format("{:<17} {:<16} {:<8} {:<12} {}\n", to_string(report.status),
                             or_dash(report.plugin), or_dash(report.version), or_dash(report.pack),
                             report.path);
    std::cout << fmt::format("{:<56} {}\n", "", report.message);
  }
}

}  // namespace

CommandRunner add_plugins_command(CLI::App& app, CommonOptions& common) {
  auto* command =
      app.add_subcommand("plugins", "Load every plugin and pack and print the load report");
  add_common_options(*command, common);
  return [&common]() {
    auto session = open_session(common);
    // A pack's libraries are listed with the plugins, each naming its pack.
    auto reports = session->reports;
    for (const auto& pack : session->packs)
      reports.insert(reports.end(), pack.libraries.begin(), pack.libraries.end());
    print_plugins(reports);
    std::size_t ok = 0;
    for (const auto& report : reports) ok += report.status == LoadStatus::Ok;
    std::cout << fmt::format("{} of {} plugin files loaded\n", ok, reports.size());
    std::size_t packs_ok = 0;
    for (const auto& pack : session->packs) {
      packs_ok += pack.status == LoadStatus::Ok;
      std::cout << fmt::format("pack {:<17} {:<12} {:<8} {}\n", to_string(pack.status),
                               or_dash(pack.name), or_dash(pack.version), pack.folder);
      std::cout << fmt::format("     {}\n", pack.message);
    }
    if (!session->packs.empty())
      std::cout << fmt::format("{} of {} packs loaded\n", packs_ok, session->packs.size());
    const bool all_loaded = ok == reports.size() && packs_ok == session->packs.size();
    return common.strict && !all_loaded ? 1 : 0;
  };
}

}  // namespace autood
