#include <iostream>

#include "analysis/ComparisonReport.hpp"
#include "analysis/RunSeries.hpp"
#include "cli/Commands.hpp"
#include "cli/ComparisonOptionsCli.hpp"
#include "report/ComparisonHtml.hpp"

namespace autood {

CommandRunner add_compare_command(CLI::App& app, CommonOptions&) {
  auto* command = app.add_subcommand(
      "compare",
      "Compare finished runs in the shape of the paper's Table V and Fig. 3. Runs named\n"
      "<variant>-seed<N> are grouped by variant.");
  static std::vector<std::string> run_dirs;
  static ComparisonOptions options;
  static std::string out_dir;
  command
      ->add_option("runs", run_dirs,
                   "Run folders (each with a trials.sqlite, or a trials.csv from older runs)")
      ->required()
      ->check(CLI::ExistingDirectory);
  add_comparison_options(*command, options, out_dir, "comparison");
  return []() {
    std::vector<RunRewards> runs;
    for (const auto& dir : run_dirs) runs.push_back(read_run(dir));
    auto files = write_comparison(runs, options, out_dir, std::cout);
    files.push_back(write_comparison_html(runs, options, out_dir));
    for (const auto& file : files) std::cout << "wrote " << file.string() << "\n";
    return 0;
  };
}

}  // namespace autood
