// `autood pack check DIR`: loads a pack the way a search would, beside the plugins a session
// loads, and says whether it loads and why not, without running anything of the search.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"
#include "log/Logging.hpp"
#include "plugin/OptionCheck.hpp"
#include "plugin/PackLoader.hpp"

namespace autood {
namespace {

// The pack's defaults against the config schema and the options its plugins declare.
std::string check_defaults(const PackReport& pack, const Registry& registry) {
  try {
    auto config = load_config("", {}, {pack.defaults.string()});
    check_hypothesis_options(config.hypothesis, registry);
  } catch (const sdk::InputError& error) {
    return error.what();
  }
  return "";
}

int check_pack(const std::string& folder, CommonOptions& common) {
  auto session = open_session(common);
  PluginLoader plugins(session->registry, host_logger());
  PackLoader packs(plugins, host_logger());
  auto pack = packs.load(folder);
  std::cout << fmt::format("pack      {}\n", pack.name.empty() ? "-" : pack.name);
  std::cout << fmt::format("version   {}\n", pack.version.empty() ? "-" : pack.version);
  if (!pack.description.empty()) std::cout << fmt::format("about     {}\n", pack.description);
  std::cout << fmt::format("folder    {}\n", pack.folder);
  for (const auto& library : pack.libraries)
    std::cout << fmt::format(
        "  {:<17} {}: {}\n", to_string(library.status),
        std::filesystem::path(library.path).lexically_relative(folder).string(), library.message);
  if (pack.status != LoadStatus::Ok) {
    std::cout << fmt::format("{}: {}\n", to_string(pack.status), pack.message);
    return 1;
  }
  if (!pack.defaults.empty()) {
    if (auto fault = check_defaults(pack, session->registry); !fault.empty()) {
      std::cout << fmt::format("BadDefaults: {}\n", fault);
      return 1;
    }
    std::cout << fmt::format("defaults  {} (valid)\n", pack.defaults.string());
  }
  const auto count = pack.libraries.size();
  std::cout << fmt::format("Ok: the pack loads with this autood ({} {})\n", count,
                           count == 1 ? "library" : "libraries");
  return 0;
}

}  // namespace

CommandRunner add_pack_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand("pack", "Work with plugin packs");
  command->require_subcommand(1);
  auto* check = command->add_subcommand(
      "check", "Validate a pack without running a search: exit 0 if it loads, 1 with the reasons");
  static std::string folder;
  check->add_option("DIR", folder, "The pack's folder (holding pack.toml)")->required();
  add_plugin_options(*check, common);
  return [&common]() { return check_pack(folder, common); };
}

}  // namespace autood
