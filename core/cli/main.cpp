// autood: finds a deep outlier detector by searching autoencoder architectures, outlier
// definitions and distances. Exit codes: 0 success, 1 user error, 2 internal error.
#include <fmt/format.h>
#include <torch/version.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <map>

#include "autood/sdk/abi.hpp"
#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"
#include "compute/HeapPadding.hpp"
#include "distributed/MpiWorld.hpp"

#ifndef AUTOOD_VERSION
#define AUTOOD_VERSION "unknown"
#endif

int main(int argc, char** argv) {
  using namespace autood;
  keep_freed_heap_for_reuse();
  CLI::App app{"autood: automated deep outlier detection (AutoOD / AutoAD)", "autood"};
  app.set_version_flag("-V,--version",
                       fmt::format("autood {}\nSDK ABI {}.{}\nbuild key {}\nLibTorch {}\nMPI {}",
                                   AUTOOD_VERSION, sdk::kAbiMajor, sdk::kAbiMinor, AUTOOD_BUILD_KEY,
                                   TORCH_VERSION, mpi_build_description()));
  app.require_subcommand(1);
  CommonOptions common;
  std::map<std::string, CommandRunner> commands{
      {"plugins", add_plugins_command(app, common)},
      {"pack", add_pack_command(app, common)},
      {"space", add_space_command(app, common)},
      {"search", add_search_command(app, common)},
      {"resume", add_resume_command(app, common)},
      {"score", add_score_command(app, common)},
      {"export", add_export_command(app, common)},
      {"export-csv", add_export_csv_command(app, common)},
      {"report", add_report_command(app, common)},
      {"compare", add_compare_command(app, common)},
      {"ablate", add_ablate_command(app, common)},
      {"keys", add_keys_command(app, common)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 1;
  }
  try {
    for (const auto& [name, run] : commands)
      if (app.got_subcommand(name)) return run();
  } catch (const sdk::InputError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  } catch (const std::filesystem::filesystem_error& error) {
    // A full disk, a missing permission: the machine's state, not a bug in autood.
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "internal error: " << error.what() << "\n";
    return 2;
  }
  return 2;
}
