#include "report/HtmlReport.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>

#include "analysis/Comparison.hpp"
#include "autood/kit/csv.hpp"
#include "io/AtomicFile.hpp"
#include "metrics/Curves.hpp"
#include "metrics/Metrics.hpp"
#include "report/Page.hpp"
#include "report/Svg.hpp"
#include "store/TrialStore.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

const char* kBlue = "#1f77b4";
const char* kOrange = "#d62728";
const char* kGreen = "#2ca02c";
const char* kGrey = "#7f7f7f";

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The best model's test scores as the search computed them, from best/scores.csv.
struct TestScores {
  std::vector<double> scores;
  std::vector<int> is_outlier;
};

TestScores read_test_scores(const fs::path& file) {
  TestScores out;
  std::ifstream in(file);
  std::string line;
  if (!std::getline(in, line)) return out;
  while (std::getline(in, line)) {
    auto fields = kit::split_csv_line(line);
    if (fields.size() != 5 || fields[0] != "test") continue;
    try {
      out.scores.push_back(std::stod(fields[4]));
      out.is_outlier.push_back(fields[3] == "1" ? 1 : 0);
    } catch (const std::exception&) {
      return {};  // a damaged file: the report shows no curves rather than wrong ones
    }
  }
  return out;
}

std::vector<svg::Point> points(const std::vector<CurvePoint>& curve) {
  std::vector<svg::Point> out;
  for (const auto& p : curve) out.push_back({p.x, p.y});
  return out;
}

std::string progress_chart(const std::vector<TrialRecord>& trials) {
  svg::Chart chart;
  chart.title = "Search progress: every trial's validation reward";
  chart.x_label = "trial";
  chart.y_label = "validation reward";
  chart.x_min = 0;
  chart.x_max = static_cast<double>(std::max<std::size_t>(trials.size(), 1)) + 1;
  std::vector<double> rewards;
  svg::Series each{"trial", kBlue, {}, true, "trial", {}, false};
  svg::Series best{"best so far", kGreen, {}, false, "", {}, false};
  double best_so_far = 0, low = 1;
  for (const auto& t : trials) {
    rewards.push_back(t.reward);
    best_so_far = std::max(best_so_far, t.reward);
    low = std::min(low, t.reward);
    each.points.push_back({static_cast<double>(t.index + 1), t.reward});
    each.titles.push_back(fmt::format("trial {}: {:.4f} {}{}\n{}", t.index + 1, t.reward,
                                      to_string(t.status), t.cached ? " (cache hit)" : "",
                                      t.description));
    best.points.push_back({static_cast<double>(t.index + 1), best_so_far});
  }
  RunRewards run{"run", "", rewards};
  svg::Series top5{"top-5 mean", kOrange, {}, false, "", {}, true};
  for (const auto& p : top_so_far({run}, 5))
    top5.points.push_back({static_cast<double>(p.evaluation), p.top_mean.mean});
  // Fig. 3's windows: ten across a long search, never fewer than two trials.
  const std::size_t width = std::max<std::size_t>(2, trials.size() / 10);
  svg::Series window{fmt::format("mean of {} (± std)", width), kGrey, {}, false, "", {}, false};
  svg::Band band{kGrey, {}, {}};
  for (const auto& w : windows({run}, width)) {
    double x = (static_cast<double>(w.first) + static_cast<double>(w.last)) / 2;
    window.points.push_back({x, w.rewards.mean});
    band.lower.push_back({x, w.rewards.mean - w.rewards.std});
    band.upper.push_back({x, w.rewards.mean + w.rewards.std});
  }
  chart.y_min = std::max(0.0, std::floor((low - 0.05) * 10) / 10);
  chart.y_max = 1.0;
  chart.series = {window, top5, best, each};
  chart.bands = {band};
  return svg::render(chart);
}

std::string curves(const TestScores& test) {
  if (test.scores.empty())
    return "<p>No test scores of the best model (best/scores.csv) to draw.</p>";
  // A model can score a test sample NaN or inf and still be the best on validation; no curve or
  // histogram orders such scores.
  if (!all_finite(test.scores))
    return "<p>Some test scores of the best model (best/scores.csv) are not finite: no curves are "
           "drawn, and its test metrics are not measured.</p>";
  const auto outliers = std::count(test.is_outlier.begin(), test.is_outlier.end(), 1);
  if (outliers == 0 || outliers == static_cast<std::ptrdiff_t>(test.is_outlier.size()))
    return "<p>The test set holds " +
           std::string(outliers == 0 ? "no outlier" : "no in-distribution sample") +
           " (a label-free search, say): no curves are drawn, and the test metrics are not "
           "measured.</p>";
  svg::Chart roc;
  roc.title = "ROC of the best model on the test set";
  roc.x_label = "false-positive rate";
  roc.y_label = "true-positive rate";
  roc.diagonal = true;
  roc.series = {{"ROC",
                 kBlue,
                 points(thin(roc_curve(test.scores, test.is_outlier), 600)),
                 false,
                 "",
                 {},
                 false}};
  svg::Chart pr;
  pr.title = "Precision-recall of the outliers (test set)";
  pr.x_label = "recall";
  pr.y_label = "precision";
  auto precision_recall = thin(pr_curve(test.scores, test.is_outlier), 600);
  if (!precision_recall.empty())
    precision_recall.insert(precision_recall.begin(), {0.0, precision_recall.front().y});
  pr.series = {{"PR", kOrange, points(precision_recall), false, "", {}, false}};
  svg::Histogram histogram;
  histogram.title = "Test scores: in-distribution and outliers";
  histogram.x_label = "score";
  histogram.names = {"in-distribution", "outliers"};
  histogram.colors = {kBlue, kOrange};
  histogram.groups.resize(2);
  for (std::size_t i = 0; i < test.scores.size(); ++i)
    histogram.groups[test.is_outlier[i]].push_back(test.scores[i]);
  return "<div class=\"charts\">" + svg::render(roc) + svg::render(pr) + svg::render(histogram) +
         "</div>";
}

std::string image(const fs::path& file, const std::string& alt) {
  std::ifstream in(file, std::ios::binary);
  std::string png((std::istreambuf_iterator<char>(in)), {});
  if (png.empty()) return "";
  return "<img src=\"" + page::png_data_uri(png) + "\" alt=\"" + svg::escape(alt) + "\">";
}

// best/examples/: test samples beside their anomaly maps (and masks), written for image runs.
std::string examples(const fs::path& dir) {
  std::ifstream in(dir / "examples.csv");
  std::string line;
  if (!std::getline(in, line)) return "";
  std::string out =
      "<h2>Test samples and their anomaly maps</h2>\n<p>Each sample, its per-pixel anomaly map "
      "(one grey scale for "
      "all maps: brighter is more anomalous) and, for segmentation, its ground-truth "
      "mask.</p>\n<div class=\"charts\">";
  while (std::getline(in, line)) {
    auto f = kit::split_csv_line(line);
    if (f.size() != 7) continue;
    const std::string what = f[2] == "1" ? "outlier" : "in-distribution";
    out += "<figure class=\"example\">" + image(dir / f[4], "sample") +
           image(dir / f[5], "anomaly map") + (f[6].empty() ? "" : image(dir / f[6], "mask")) +
           "<figcaption>test row " + svg::escape(f[0]) + ", " + what + ", score " +
           svg::escape(f[3].substr(0, 8)) + "</figcaption></figure>";
  }
  return out + "</div>\n";
}

// A metric to four places, or "-" where it is unmeasured (NaN).
std::string cell(double value) { return std::isnan(value) ? "-" : fmt::format("{:.4f}", value); }

std::string trials_table(const std::vector<TrialRecord>& trials) {
  std::string out =
      "<table id=\"trials\" "
      "class=\"sortable\"><thead><tr><th>trial</th><th>status</th><th>reward</th>"
      "<th>val AUROC</th><th>test AUROC</th><th>test AUPR-In</th><th>test "
      "AUPR-Out</th><th>seconds</th>"
      "<th>epochs</th><th>cached</th><th>architecture</th><th>message</th></tr></thead><tbody>\n";
  for (const auto& t : trials)
    out += fmt::format(
        "<tr "
        "class=\"trial-row\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</"
        "td><td>{}</td>"
        "<td>{:.1f}</td><td>{}</td><td>{}</td><td class=\"arch\">{}</td><td>{}</td></tr>\n",
        t.index + 1, to_string(t.status), cell(t.reward), cell(t.validation.auroc),
        cell(t.test.auroc), cell(t.test.aupr_in), cell(t.test.aupr_out), t.seconds, t.epochs,
        t.cached ? "yes" : "", svg::escape(t.description), svg::escape(t.message));
  return out + "</tbody></table>";
}

std::string best_section(const std::vector<TrialRecord>& trials) {
  const TrialRecord* best = nullptr;
  for (const auto& t : trials)
    if (scored(t.status) && (!best || t.reward > best->reward)) best = &t;
  if (!best) return "<p>No child trained successfully.</p>";
  std::string layers;
  std::stringstream parts(best->description);
  std::string part;
  int n = 0;
  while (std::getline(parts, part, '|')) {
    if (n++ == 0) {
      layers += "<li>outlier definition and distance: <b>" + svg::escape(part) + "</b></li>";
      continue;
    }
    layers += fmt::format("<li>layer {}: {}</li>", n - 1, svg::escape(part));
  }
  std::string out = fmt::format(
      "<p>Trial <b>{}</b> of {}, validation reward <b>{:.4f}</b>; the decoder mirrors the "
      "encoder.</p><ul>{}</ul>",
      best->index + 1, trials.size(), best->reward, layers);
  out += fmt::format(
      "<table class=\"metrics\"><tr><th>test "
      "metric</th><th>value</th></tr><tr><td>AUROC</td><td>{}</td></tr>"
      "<tr><td>AUPR-In</td><td>{}</td></tr><tr><td>AUPR-Out</td><td>{}</td></tr>",
      cell(best->test.auroc), cell(best->test.aupr_in), cell(best->test.aupr_out));
  if (best->pixel_level)
    out += fmt::format(
        "<tr><td>pixel AUROC</td><td>{}</td></tr><tr><td>PRO (FPR ≤ 0.3)</td><td>{}</td></tr>",
        cell(best->test_pixels.pixel_auroc), cell(best->test_pixels.pro));
  return out + "</table>";
}

// The finals beside their search rewards, and which of them the model (best/) is made of.
std::string finals_section(const std::vector<FinalRecord>& finals) {
  std::string out =
      "<p>The best architectures of the search, trained again at full fidelity; the model "
      "(<code>best/</code>) is made of the rows marked.</p>\n<table id=\"finals\"><thead><tr>"
      "<th>rank</th><th>trial</th><th>search reward</th><th>final reward</th><th>test "
      "AUROC</th><th>AUPR-In</th><th>AUPR-Out</th><th>epochs</th><th>seconds</th><th>in "
      "model</th><th>architecture</th></tr></thead><tbody>\n";
  for (const auto& f : finals) {
    const auto& r = f.record;
    out += fmt::format(
        "<tr class=\"final-row\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{:.1f}</td><td>{}</td><td class=\"arch\">{}</td>"
        "</tr>\n",
        f.rank, r.index + 1, cell(f.search_reward),
        scored(r.status) ? cell(r.reward) : std::string(to_string(r.status)), cell(r.test.auroc),
        cell(r.test.aupr_in), cell(r.test.aupr_out), r.epochs, r.seconds, f.in_model ? "yes" : "",
        svg::escape(r.description));
  }
  return out + "</tbody></table>";
}

}  // namespace

fs::path write_report(const fs::path& run_dir, sdk::Logger& log) {
  auto store = TrialStore::open(run_dir / "trials.sqlite");
  auto trials = store->trials();
  const auto name = fs::absolute(run_dir).lexically_normal().filename().string();
  std::string html = page::begin("autood report: " + name);
  html += fmt::format("<p id=\"summary\" data-trials=\"{}\">{} trials; data: {}</p>\n",
                      trials.size(), trials.size(), svg::escape(store->info("data").value_or("?")));
  const auto finals = store->finals();
  html += std::string("<h2>") + (finals.empty() ? "Best model" : "Best child of the search") +
          "</h2>\n" + best_section(trials) + "\n";
  if (!finals.empty()) html += "<h2>Final training</h2>\n" + finals_section(finals) + "\n";
  html += "<h2>Test curves of the model (best/)</h2>\n" +
          curves(read_test_scores(run_dir / "best" / "scores.csv")) + "\n";
  html += examples(run_dir / "best" / "examples");
  html += "<h2>Search progress</h2>\n<div class=\"charts\">" + progress_chart(trials) + "</div>\n";
  html += "<h2>All trials</h2>\n<p>Click a column's header to sort.</p>\n" + trials_table(trials) +
          "\n";
  html += "<h2>Config</h2>\n<pre>" + svg::escape(read_text(run_dir / "config.toml")) + "</pre>\n";
  html += page::end();
  const auto file = run_dir / "report.html";
  write_file_atomically(file, html);
  log.info("report: " + file.string());
  return file;
}

}  // namespace autood
