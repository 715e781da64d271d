#pragma once
// The options that `compare` and `ablate` share: where to write and what to tabulate.
#include <CLI/CLI.hpp>
#include <string>

#include "analysis/ComparisonReport.hpp"

namespace autood {

inline void add_comparison_options(CLI::App& command, ComparisonOptions& options,
                                   std::string& out_dir, const std::string& default_out) {
  out_dir = default_out;
  command
      .add_option(
          "--out", out_dir,
          "Folder for table_v.csv, paired.csv, fig3_top5.csv, fig3_windows.csv and report.html")
      ->capture_default_str();
  command
      .add_option("--checkpoints", options.checkpoints,
                  "Evaluations at which Table V reports the best so far")
      ->delimiter(',')
      ->capture_default_str();
  // Integer ranges: CLI::PositiveNumber is a double's, and its message prints DBL_MAX whole.
  const CLI::Range evaluations(std::size_t{1}, std::size_t{1000000000});
  command.add_option("--top", options.top, "Fig. 3 averages the best this many rewards so far")
      ->check(evaluations)
      ->capture_default_str();
  command.add_option("--window", options.window, "Fig. 3's window of evaluations for mean and std")
      ->check(evaluations)
      ->capture_default_str();
  command.add_option(
      "--reference", options.reference,
      "The variant the others are paired against, seed by seed (default: random if run, "
      "else the first)");
}

}  // namespace autood
