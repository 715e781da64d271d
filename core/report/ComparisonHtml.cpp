#include "report/ComparisonHtml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "io/AtomicFile.hpp"
#include "report/Page.hpp"
#include "report/Svg.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

std::string stat(const Stat& s) { return fmt::format("{:.4f} ± {:.4f}", s.mean, s.std); }

// Table V: per variant, at each checkpoint, the best validation reward, the test AUROC of that
// best child and the area under the best-so-far curve, each as mean ± standard error.
std::string table(const std::vector<TableVRow>& rows, const std::vector<std::size_t>& checkpoints) {
  std::string out =
      "<table id=\"table-v\" class=\"sortable\"><thead><tr><th>variant</th><th>runs</th>";
  for (const char* measure : {"best", "test", "area"})
    for (auto c : checkpoints) out += fmt::format("<th>{} @{}</th>", measure, c);
  out += "<th>all evaluations (mean ± std)</th></tr></thead><tbody>\n";
  for (const auto& row : rows) {
    out += fmt::format("<tr class=\"variant-row\"><td>{}</td><td>{}</td>", svg::escape(row.group),
                       row.runs);
    for (const auto* measure : {&row.best_at, &row.test_at, &row.area_at})
      for (const auto& s : *measure) out += "<td>" + mean_se_text(s) + "</td>";
    out += "<td>" + stat(row.all) + "</td></tr>\n";
  }
  return out + "</tbody></table>";
}

std::string paired_table(const std::vector<PairedRow>& rows) {
  std::string out =
      "<table id=\"paired\" class=\"sortable\"><thead><tr><th>variant</th><th>reference</th>"
      "<th>measure</th><th>pairs</th><th>difference ± SE</th><th>won/lost</th><th>Wilcoxon p</th>"
      "</tr></thead><tbody>\n";
  for (const auto& p : rows)
    out += fmt::format(
        "<tr class=\"paired-row\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:+.4f} ± "
        "{:.4f}</td>"
        "<td>{}/{}</td><td>{:.3g}</td></tr>\n",
        svg::escape(p.group), svg::escape(p.reference), p.measure, p.summary.pairs,
        p.summary.mean_difference, p.summary.standard_error, p.summary.wins, p.summary.losses,
        p.summary.wilcoxon.p_value);
  return out + "</tbody></table>";
}

// One line per variant with a band of ± one std over its seeds, from points keyed by variant.
template <typename Point, typename X, typename Y>
svg::Chart per_variant(const std::vector<Point>& points, const std::vector<std::string>& order, X x,
                       Y y) {
  svg::Chart chart;
  chart.y_min = 1.0;
  chart.y_max = 0.0;
  chart.x_max = 1.0;
  for (std::size_t g = 0; g < order.size(); ++g) {
    svg::Series line{order[g], page::color(g), {}, false, "", {}, false};
    svg::Band band{page::color(g), {}, {}};
    for (const auto& p : points) {
      if (p.group != order[g]) continue;
      const Stat s = y(p);
      line.points.push_back({x(p), s.mean});
      band.lower.push_back({x(p), s.mean - s.std});
      band.upper.push_back({x(p), s.mean + s.std});
      chart.y_min = std::min(chart.y_min, s.mean - s.std);
      chart.y_max = std::max(chart.y_max, s.mean + s.std);
      chart.x_max = std::max(chart.x_max, x(p));
    }
    chart.series.push_back(line);
    chart.bands.push_back(band);
  }
  chart.y_min = std::max(0.0, chart.y_min - 0.02);
  chart.y_max = std::min(1.0, chart.y_max + 0.02);
  return chart;
}

}  // namespace

fs::path write_comparison_html(const std::vector<RunRewards>& runs,
                               const ComparisonOptions& options, const fs::path& out_dir) {
  std::vector<std::string> order;
  std::map<std::string, std::size_t> seeds;
  for (const auto& run : runs)
    if (seeds[run.group]++ == 0) order.push_back(run.group);
  std::string html = page::begin("autood comparison: " +
                                 fs::absolute(out_dir).lexically_normal().filename().string());
  html += fmt::format("<p id=\"summary\" data-runs=\"{}\">{} runs of {} variants.</p>\n",
                      runs.size(), runs.size(), order.size());
  const auto checkpoints = checkpoints_for(runs, options.checkpoints);
  html +=
      "<h2>Table V: by each checkpoint, the best validation reward, the test AUROC of the child "
      "best on validation, and the area under the best-so-far curve (mean ± standard error over "
      "seeds)</h2>\n" +
      table(table_v(runs, checkpoints), checkpoints) + "\n";
  const auto paired = paired_rows(runs, reference_group(runs, options), checkpoints);
  if (!paired.empty())
    html += "<h2>Paired against " + svg::escape(paired.front().reference) +
            " on the same seeds (Wilcoxon signed-rank, two-sided)</h2>\n" + paired_table(paired) +
            "\n";

  auto top = per_variant(
      top_so_far(runs, options.top), order,
      [](const TopSoFarPoint& p) { return static_cast<double>(p.evaluation); },
      [](const TopSoFarPoint& p) { return p.top_mean; });
  top.title =
      fmt::format("Fig. 3: mean of the top {} rewards so far (± std over seeds)", options.top);
  top.x_label = "evaluation";
  top.y_label = "validation reward";
  auto window = per_variant(
      windows(runs, options.window), order,
      [](const WindowPoint& w) {
        return (static_cast<double>(w.first) + static_cast<double>(w.last)) / 2;
      },
      [](const WindowPoint& w) { return w.rewards; });
  window.title =
      fmt::format("Fig. 3: rewards per window of {} evaluations (mean ± std)", options.window);
  window.x_label = "evaluation";
  window.y_label = "validation reward";
  html += "<h2>Search progress per variant</h2>\n<div class=\"charts\">" + svg::render(top) +
          svg::render(window) + "</div>\n";

  html +=
      "<h2>Runs</h2>\n<table "
      "class=\"sortable\"><thead><tr><th>variant</th><th>run</th><th>evaluations</th>"
      "<th>best reward</th></tr></thead><tbody>\n";
  for (const auto& run : runs) {
    const double best =
        run.rewards.empty() ? 0.0 : *std::max_element(run.rewards.begin(), run.rewards.end());
    const auto report = fs::path(run.source) / "report.html";
    const auto name = svg::escape(run.source);
    const auto link = fs::exists(report)
                          ? "<a href=\"file://" + svg::escape(fs::absolute(report).string()) +
                                "\">" + name + "</a>"
                          : name;
    html +=
        fmt::format("<tr class=\"run-row\"><td>{}</td><td>{}</td><td>{}</td><td>{:.4f}</td></tr>\n",
                    svg::escape(run.group), link, run.rewards.size(), best);
  }
  html += "</tbody></table>\n" + page::end();
  const auto file = out_dir / "report.html";
  write_file_atomically(file, html);
  return file;
}

}  // namespace autood
