// autood: finds a deep outlier detector by searching autoencoder architectures, outlier
// definitions and distances. Exit codes: 0 success, 1 user error, 2 internal error.
#include <CLI/CLI.hpp>
#include <iostream>

#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"

int main(int argc, char** argv) {
  using namespace autood;
  CLI::App app{"autood: automated deep outlier detection (AutoOD / AutoAD)", "autood"};
  app.require_subcommand(1);
  CommonOptions common;
  auto plugins = add_plugins_command(app, common);
  auto space = add_space_command(app, common);
  auto search = add_search_command(app, common);
  auto compare = add_compare_command(app, common);
  auto ablate = add_ablate_command(app, common);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 1;
  }
  try {
    if (app.got_subcommand("plugins")) return plugins();
    if (app.got_subcommand("space")) return space();
    if (app.got_subcommand("search")) return search();
    if (app.got_subcommand("compare")) return compare();
    if (app.got_subcommand("ablate")) return ablate();
  } catch (const sdk::InputError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "internal error: " << error.what() << "\n";
    return 2;
  }
  return 2;
}
