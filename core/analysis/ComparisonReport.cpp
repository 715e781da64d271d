#include "analysis/ComparisonReport.hpp"

#include <fmt/format.h>

#include <sstream>

#include "autood/sdk/errors.hpp"
#include "io/AtomicFile.hpp"
#include "io/CsvField.hpp"

namespace autood {
namespace {

// Table V on the terminal, one block per measure: mean ± standard error over seeds.
void print_table_v(const std::vector<TableVRow>& rows, const std::vector<std::size_t>& checkpoints,
                   std::ostream& terminal) {
  using Column = std::vector<std::optional<Stat>> TableVRow::*;
  const std::vector<std::pair<const char*, Column>> blocks{
      {"best validation reward so far", &TableVRow::best_at},
      {"test AUROC of the child best on validation so far", &TableVRow::test_at},
      {"area under the best-so-far curve, divided by its length", &TableVRow::area_at}};
  for (const auto& [title, column] : blocks) {
    terminal << "\n" << title << " (mean ± standard error over seeds)\n";
    std::string header = fmt::format("| {:<20} | {:>4} |", "variant", "runs");
    for (auto c : checkpoints) header += fmt::format(" {:>17} |", fmt::format("@{}", c));
    terminal << header << "\n|" << std::string(header.size() - 2, '-') << "|\n";
    for (const auto& row : rows) {
      terminal << fmt::format("| {:<20} | {:>4} |", row.group, row.runs);
      for (const auto& s : row.*column) terminal << fmt::format(" {:>17} |", mean_se_text(s));
      terminal << "\n";
    }
  }
  terminal << "\nchildren per hour of the children's own time (training and scoring; mean ± SE)\n";
  for (const auto& row : rows)
    terminal << fmt::format(
        "| {:<20} | {:>17} |\n", row.group,
        row.per_hour ? fmt::format("{:.0f} ± {:.0f}", row.per_hour->mean, row.per_hour->se)
                     : std::string("-"));
}

// Each variant against the reference, seed by seed: mean difference ± its standard error, wins
// and losses over seeds, and the Wilcoxon signed-rank p-value.
void print_paired(const std::vector<PairedRow>& paired, std::ostream& terminal) {
  if (paired.empty()) return;
  terminal
      << "\npaired against " << paired.front().reference
      << " on the same seeds (difference = variant - reference; Wilcoxon signed-rank, two-sided)\n";
  const std::string header =
      fmt::format("| {:<20} | {:<10} | {:>5} | {:>19} | {:>7} | {:>8} |", "variant", "measure",
                  "pairs", "difference ± SE", "won/lost", "p");
  terminal << header << "\n|" << std::string(header.size() - 2, '-') << "|\n";
  for (const auto& p : paired)
    terminal << fmt::format(
        "| {:<20} | {:<10} | {:>5} | {:>19} | {:>8} | {:>8} |\n", p.group, p.measure,
        p.summary.pairs,
        fmt::format("{:+.4f} ± {:.4f}", p.summary.mean_difference, p.summary.standard_error),
        fmt::format("{}/{}", p.summary.wins, p.summary.losses),
        fmt::format("{:.3g}", p.summary.wilcoxon.p_value));
}

}  // namespace

std::string mean_se_text(const std::optional<Stat>& s) {
  return s ? fmt::format("{:.4f} ± {:.4f}", s->mean, s->se) : std::string("-");
}

std::string reference_group(const std::vector<RunRewards>& runs, const ComparisonOptions& options) {
  if (!options.reference.empty()) return options.reference;
  for (const auto& run : runs)
    if (run.group == "random") return run.group;
  return runs.empty() ? std::string() : runs.front().group;
}

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
  const auto reference = reference_group(runs, options);
  const auto paired = paired_rows(runs, reference, checkpoints);
  auto stat_cells = [](const std::optional<Stat>& s) {
    return s ? fmt::format("{:.6f},{:.6f},{:.6f}", s->mean, s->std, s->se) : std::string(",,");
  };
  const auto table_path = out_dir / "table_v.csv";
  {
    std::ostringstream out;
    out << "group,runs";
    for (const char* measure : {"best_at", "test_at", "area_at"})
      for (auto c : checkpoints)
        out << fmt::format(",{0}_{1}_mean,{0}_{1}_std,{0}_{1}_se", measure, c);
    out << ",all_mean,all_std,children_per_hour_mean,children_per_hour_se\n";
    for (const auto& row : rows) {
      out << csv_field(row.group) << ',' << row.runs;
      for (const auto* measure : {&row.best_at, &row.test_at, &row.area_at})
        for (const auto& s : *measure) out << ',' << stat_cells(s);
      out << fmt::format(",{:.6f},{:.6f},", row.all.mean, row.all.std)
          << (row.per_hour ? fmt::format("{:.1f},{:.1f}", row.per_hour->mean, row.per_hour->se)
                           : std::string(","))
          << "\n";
    }
    write_file_atomically(table_path, out.str());
  }
  const auto paired_path = out_dir / "paired.csv";
  {
    std::ostringstream out;
    out << "group,reference,measure,pairs,mean_difference,standard_error,wins,losses,wilcoxon_w_"
           "plus,"
           "wilcoxon_p,wilcoxon_exact\n";
    for (const auto& p : paired)
      out << fmt::format("{},{},{},{},{:.6f},{:.6f},{},{},{},{:.6g},{}\n", csv_field(p.group),
                         csv_field(p.reference), p.measure, p.summary.pairs,
                         p.summary.mean_difference, p.summary.standard_error, p.summary.wins,
                         p.summary.losses, p.summary.wilcoxon.w_plus, p.summary.wilcoxon.p_value,
                         p.summary.wilcoxon.exact ? "true" : "false");
    write_file_atomically(paired_path, out.str());
  }
  const auto top_path = out_dir / "fig3_top5.csv";
  {
    std::ostringstream out;
    out << "group,evaluation,top" << options.top << "_mean,top" << options.top
        << "_std_over_runs\n";
    for (const auto& p : top_so_far(runs, options.top))
      out << csv_field(p.group) << ',' << p.evaluation
          << fmt::format(",{:.6f},{:.6f}\n", p.top_mean.mean, p.top_mean.std);
    write_file_atomically(top_path, out.str());
  }
  const auto window_path = out_dir / "fig3_windows.csv";
  {
    std::ostringstream out;
    out << "group,first_evaluation,last_evaluation,mean,std\n";
    for (const auto& w : windows(runs, options.window))
      out << csv_field(w.group) << ',' << w.first << ',' << w.last
          << fmt::format(",{:.6f},{:.6f}\n", w.rewards.mean, w.rewards.std);
    write_file_atomically(window_path, out.str());
  }
  print_table_v(rows, checkpoints, terminal);
  print_paired(paired, terminal);
  return {table_path, paired_path, top_path, window_path};
}

}  // namespace autood
