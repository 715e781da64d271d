#include "analysis/ComparisonReport.hpp"

#include <fmt/format.h>

#include <fstream>

#include "autood/sdk/errors.hpp"
#include "io/CsvField.hpp"

namespace autood {
namespace {

std::ofstream open_csv(const std::filesystem::path& path) {
  std::ofstream out(path);
  if (!out) throw sdk::InputError("cannot write " + path.string());
  return out;
}

}  // namespace

std::vector<std::filesystem::path> write_comparison(const std::vector<RunRewards>& runs,
                                                    const ComparisonOptions& options,
                                                    const std::filesystem::path& out_dir,
                                                    std::ostream& terminal) {
  if (runs.empty()) throw sdk::InputError("nothing to compare: no runs were given");
  for (const auto& run : runs)
    if (run.rewards.empty()) throw sdk::InputError(run.source + ": the run has no evaluations yet");
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) throw sdk::InputError("cannot create " + out_dir.string() + ": " + error.message());

  const auto checkpoints = checkpoints_for(runs, options.checkpoints);
  const auto rows = table_v(runs, checkpoints);
  const auto table_path = out_dir / "table_v.csv";
  {
    auto out = open_csv(table_path);
    out << "group,runs";
    for (auto c : checkpoints) out << ",best_at_" << c << "_mean,best_at_" << c << "_std";
    out << ",all_mean,all_std\n";
    for (const auto& row : rows) {
      out << csv_field(row.group) << ',' << row.runs;
      for (const auto& best : row.best_at)
        out << ','
            << (best ? fmt::format("{:.6f},{:.6f}", best->mean, best->std) : std::string(","));
      out << fmt::format(",{:.6f},{:.6f}\n", row.all.mean, row.all.std);
    }
  }
  const auto top_path = out_dir / "fig3_top5.csv";
  {
    auto out = open_csv(top_path);
    out << "group,evaluation,top" << options.top << "_mean,top" << options.top
        << "_std_over_runs\n";
    for (const auto& p : top_so_far(runs, options.top))
      out << csv_field(p.group) << ',' << p.evaluation
          << fmt::format(",{:.6f},{:.6f}\n", p.top_mean.mean, p.top_mean.std);
  }
  const auto window_path = out_dir / "fig3_windows.csv";
  {
    auto out = open_csv(window_path);
    out << "group,first_evaluation,last_evaluation,mean,std\n";
    for (const auto& w : windows(runs, options.window))
      out << csv_field(w.group) << ',' << w.first << ',' << w.last
          << fmt::format(",{:.6f},{:.6f}\n", w.rewards.mean, w.rewards.std);
  }

  // Table V on the terminal: mean +- std over runs.
  std::string header = fmt::format("| {:<20} | {:>4} |", "variant", "runs");
  for (auto c : checkpoints) header += fmt::format(" {:>17} |", fmt::format("best @{}", c));
  header += fmt::format(" {:>17} |", "all evaluations");
  terminal << header << "\n|" << std::string(header.size() - 2, '-') << "|\n";
  for (const auto& row : rows) {
    terminal << fmt::format("| {:<20} | {:>4} |", row.group, row.runs);
    for (const auto& best : row.best_at)
      terminal << fmt::format(" {:>17} |",
                              best ? fmt::format("{:.4f} ± {:.4f}", best->mean, best->std) : "-");
    terminal << fmt::format(" {:>17} |\n",
                            fmt::format("{:.4f} ± {:.4f}", row.all.mean, row.all.std));
  }
  return {table_path, top_path, window_path};
}

}  // namespace autood
