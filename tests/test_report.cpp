// The HTML pages' building blocks: images carried inside as base64, escaping, a comparison page
// with one Table V row per variant, and a run report's test curves.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "DataSupport.hpp"
#include "TestSupport.hpp"
#include "log/Logging.hpp"
#include "report/ComparisonHtml.hpp"
#include "report/HtmlReport.hpp"
#include "report/Page.hpp"
#include "report/Svg.hpp"
#include "store/TrialStore.hpp"

using namespace autood;

TEST_CASE("base64 of a PNG's bytes follows RFC 4648's test vectors") {
  const std::string prefix = "data:image/png;base64,";
  CHECK(page::png_data_uri("") == prefix);
  CHECK(page::png_data_uri("f") == prefix + "Zg==");
  CHECK(page::png_data_uri("fo") == prefix + "Zm8=");
  CHECK(page::png_data_uri("foo") == prefix + "Zm9v");
  CHECK(page::png_data_uri("foob") == prefix + "Zm9vYg==");
  CHECK(page::png_data_uri("fooba") == prefix + "Zm9vYmE=");
  CHECK(page::png_data_uri("foobar") == prefix + "Zm9vYmFy");
  CHECK(page::png_data_uri(std::string("\xff\xfe\x00", 3)) == prefix + "//4A");
}

TEST_CASE("text in a page is escaped, and a chart draws one marker per point") {
  CHECK(svg::escape("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;");
  svg::Chart chart;
  chart.series.push_back(
      {"trials", "#000", {{1, 0.5}, {2, 0.7}, {3, 0.2}}, true, "trial", {"x<y"}, false});
  auto text = svg::render(chart);
  std::size_t markers = 0;
  for (auto at = text.find("<circle class=\"trial\""); at != std::string::npos;
       at = text.find("<circle class=\"trial\"", at + 1))
    ++markers;
  CHECK(markers == 3);
  CHECK(test::contains(text, "<title>x&lt;y</title>"));
}

TEST_CASE("a comparison page has one Table V row per variant and names every run") {
  auto dir = test::temp_dir("comparison-html");
  std::vector<RunRewards> runs{{"random", "random-seed0", {0.5, 0.6, 0.7}, {}, 0},
                               {"random", "random-seed1", {0.4, 0.9, 0.1}, {}, 1},
                               {"curious", "curious-seed0", {0.8, 0.2, 0.3}, {}, 0}};
  ComparisonOptions options;
  options.checkpoints = {2};
  options.window = 2;
  auto file = write_comparison_html(runs, options, dir);
  std::ifstream in(file);
  std::string html((std::istreambuf_iterator<char>(in)), {});
  std::size_t rows = 0;
  for (auto at = html.find("<tr class=\"variant-row\">"); at != std::string::npos;
       at = html.find("<tr class=\"variant-row\">", at + 1))
    ++rows;
  CHECK(rows == 2);
  // random, at checkpoints 2 and 3 (the runs' end): best 0.6 and 0.9, mean 0.75, sample std
  // 0.2121, standard error 0.15; then 0.7 and 0.9. No test values. Areas under best so far at 2:
  // (0.5 + 0.6) / 2 and (0.4 + 0.9) / 2, mean 0.6, standard error 0.05.
  CHECK(test::contains(html,
                       "<td>random</td><td>2</td><td>0.7500 ± 0.1500</td><td>0.8000 ± 0.1000</td>"
                       "<td>-</td><td>-</td><td>0.6000 ± 0.0500</td>"));
  // curious against random on seed 0: best @2 0.8 - 0.6.
  CHECK(test::contains(html,
                       "<td>curious</td><td>random</td><td>best@2</td><td>1</td><td>+0.2000 ± "
                       "0.0000</td><td>1/0</td>"));
  CHECK(test::contains(html, "curious-seed0"));
  CHECK(test::contains(html, "data-runs=\"3\""));
}

TEST_CASE("a run report draws no curve from test scores that are not finite, and says so") {
  const auto dir = test::temp_dir("report-nan");
  TrialRecord record;
  record.index = 0;
  record.architecture = {0};
  record.description = "reconstruction / l2 | dense(units=8)";
  record.reward = 0.75;
  record.test = {std::nan(""), std::nan(""), std::nan("")};
  TrialStore::create(dir / "trials.sqlite", {"hypothesis"})->add(record, {"reconstruction"});
  std::filesystem::create_directories(dir / "best");
  auto write = [](const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file) << text;
  };
  write(dir / "config.toml", "[search]\nbudget = 1\n");
  const std::string finite =
      "set,row,source_index,is_outlier,score\ntest,0,0,0,0.25\ntest,1,1,1,0.5\n";
  write(dir / "best" / "scores.csv", finite);
  CHECK(test::contains(test::read_text(write_report(dir, host_logger())), "ROC of the best model"));
  write(dir / "best" / "scores.csv", finite + "test,2,2,1,nan\ntest,3,3,0,inf\n");
  const auto html = test::read_text(write_report(dir, host_logger()));
  CHECK(
      test::contains(html, "Some test scores of the best model (best/scores.csv) are not finite"));
  CHECK_FALSE(test::contains(html, "ROC of the best model"));
  // Unmeasured test metrics are "-", not "nan".
  CHECK(test::contains(html, "<td>-</td>"));
  CHECK_FALSE(test::contains(html, "<td>nan</td>"));

  // A label-free fit's test set of normal samples alone: finite scores, still no curve.
  write(dir / "best" / "scores.csv",
        "set,row,source_index,is_outlier,score\ntest,0,0,0,0.25\ntest,1,1,0,0.5\n");
  const auto normal_only = test::read_text(write_report(dir, host_logger()));
  CHECK(test::contains(normal_only, "The test set holds no outlier (a label-free search, say)"));
  CHECK_FALSE(test::contains(normal_only, "ROC of the best model"));
}
