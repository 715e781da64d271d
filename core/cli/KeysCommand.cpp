#include <fmt/format.h>

#include <iostream>

#include "cli/Commands.hpp"
#include "config/ConfigKeys.hpp"

namespace autood {

CommandRunner add_keys_command(CLI::App& app, CommonOptions&) {
  auto* command = app.add_subcommand(
      "keys", "Print every config key: its value's type and range, its default and what it does");
  static bool markdown = false;
  command->add_flag("--markdown", markdown, "As the README's Markdown table");
  return []() {
    if (markdown) {
      std::cout << config_keys_markdown();
      return 0;
    }
    for (const auto& row : config_keys()) {
      std::cout << fmt::format("{}  ({}", row.path(), row.type_text());
      const auto fallback = row.default_text();
      std::cout << (fallback.empty() ? ")\n" : fmt::format("; default {})\n", fallback));
      std::cout << fmt::format("    {}\n", row.help);
    }
    return 0;
  };
}

}  // namespace autood
