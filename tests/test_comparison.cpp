// Table V and Fig. 3 arithmetic against values worked out by hand, the paired tests against
// scipy, and reading trials.csv back.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "TestSupport.hpp"
#include "analysis/Comparison.hpp"
#include "analysis/ComparisonReport.hpp"
#include "analysis/PairedTest.hpp"
#include "analysis/RunSeries.hpp"
#include "autood/kit/csv.hpp"
#include "autood/sdk/errors.hpp"

using namespace autood;

namespace {
std::vector<RunRewards> example_runs() {
  return {{"A", "a0", {0.5, 0.7, 0.6, 0.9}},
          {"A", "a1", {0.8, 0.4, 0.85, 0.6}},
          {"B", "b0", {0.2, 0.3, 0.1, 0.4}}};
}
}  // namespace

TEST_CASE(
    "Table V: best so far at each checkpoint, mean and std over runs, and over all evaluations") {
  auto runs = example_runs();
  auto checkpoints = checkpoints_for(runs, {2, 3, 10});
  CHECK(checkpoints ==
        std::vector<std::size_t>{2, 3, 4});  // 10 is past the runs; their end is added
  auto rows = table_v(runs, checkpoints);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].group == "A");
  CHECK(rows[0].runs == 2);
  // Best by evaluation 2: 0.7 and 0.8; by 4: 0.9 and 0.85 (sample std).
  CHECK(rows[0].best_at[0]->mean == doctest::Approx(0.75));
  CHECK(rows[0].best_at[0]->std == doctest::Approx(0.0707107).epsilon(1e-5));
  CHECK(rows[0].best_at[2]->mean == doctest::Approx(0.875));
  CHECK(rows[0].best_at[2]->std == doctest::Approx(0.0353553).epsilon(1e-5));
  CHECK(rows[0].all.mean == doctest::Approx(5.35 / 8));
  CHECK(rows[1].best_at[1]->mean == doctest::Approx(0.3));
  CHECK(rows[1].best_at[1]->std == 0.0);
}

TEST_CASE(
    "Table V: the test AUROC of the child best on validation, and the area under the best-so-far "
    "curve") {
  const double nan = std::nan("");
  RunRewards run{"A", "a0", {0.5, 0.7, 0.7, 0.9}, {0.55, 0.6, 0.8, nan}, 0};
  // By 2 and 3 the best on validation is evaluation 2 (0.7; the later tie does not replace it):
  // its test AUROC 0.6, not the 0.8 of the other 0.7. By 4 it is evaluation 4, never scored.
  CHECK(*test_of_best_at(run, 2) == doctest::Approx(0.6));
  CHECK(*test_of_best_at(run, 3) == doctest::Approx(0.6));
  CHECK_FALSE(test_of_best_at(run, 4).has_value());
  CHECK_FALSE(test_of_best_at(RunRewards{"A", "a1", {0.5}}, 1).has_value());  // no test values
  // Best so far 0.5, 0.7, 0.7, 0.9: areas 0.5, 0.6, 1.9 / 3 and 2.8 / 4.
  CHECK(area_under_best(run, 1) == doctest::Approx(0.5));
  CHECK(area_under_best(run, 3) == doctest::Approx(1.9 / 3));
  CHECK(area_under_best(run, 4) == doctest::Approx(0.7));

  RunRewards other{"A", "a1", {0.6, 0.4, 0.65, 0.66}, {0.7, 0.9, 0.5, 0.6}, 1};
  auto rows = table_v({run, other}, {2, 4});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].test_at[0]->mean == doctest::Approx((0.6 + 0.7) / 2));
  CHECK(rows[0].test_at[0]->se == doctest::Approx(0.05));  // std 0.0707 over sqrt(2)
  CHECK_FALSE(rows[0].test_at[1].has_value());             // one run has no test value at 4
  CHECK(rows[0].area_at[1]->mean == doctest::Approx((0.7 + (0.6 + 0.6 + 0.65 + 0.66) / 4) / 2));
}

TEST_CASE("paired comparison: runs are matched by seed, and the differences tested") {
  std::vector<RunRewards> runs{
      {"random", "r0", {0.5, 0.6}, {}, 0}, {"random", "r1", {0.7, 0.7}, {}, 1},
      {"random", "r2", {0.4, 0.5}, {}, 2}, {"tpe", "t1", {0.8, 0.9}, {}, 1},
      {"tpe", "t0", {0.6, 0.55}, {}, 0},   {"tpe", "t7", {0.9, 0.9}, {}, 7}};
  auto rows = paired_rows(runs, "random", {1, 2});
  REQUIRE(rows.size() == 4);  // best and area at 1 and 2; no test values, so no test rows
  const auto& best2 = rows[1];
  CHECK(best2.group == "tpe");
  CHECK(best2.measure == "best@2");
  // Seeds 0 and 1 pair up (seed 7 has no partner): differences 0.6 - 0.6 = 0 and 0.9 - 0.7 = 0.2.
  CHECK(best2.summary.pairs == 2);
  CHECK(best2.summary.mean_difference == doctest::Approx(0.1));
  CHECK(best2.summary.standard_error == doctest::Approx(0.1));
  CHECK(best2.summary.wins == 1);
  CHECK(best2.summary.losses == 0);
  CHECK(best2.summary.wilcoxon.n == 1);  // the zero difference is dropped
  CHECK(best2.summary.wilcoxon.p_value == doctest::Approx(1.0));
  CHECK(rows[2].measure == "area@1");
  CHECK_THROWS_WITH_AS(paired_rows(runs, "evolution", {1}),
                       "the reference variant 'evolution' is not among the runs (random, tpe)",
                       sdk::InputError);
}

TEST_CASE(
    "Wilcoxon signed-rank agrees with scipy and with full enumeration on the committed fixture") {
  std::ifstream in(test::source_fixtures() / "wilcoxon_scipy.json");
  REQUIRE(in);
  for (const auto& c : nlohmann::json::parse(in)) {
    CAPTURE(c["name"].get<std::string>());
    auto result = wilcoxon_signed_rank(c["differences"].get<std::vector<double>>());
    CHECK(result.w_plus == doctest::Approx(c["w_plus"].get<double>()));
    CHECK(result.exact == c["exact"].get<bool>());
    CHECK(result.p_value == doctest::Approx(c["p_value"].get<double>()).epsilon(1e-9));
  }
  CHECK(wilcoxon_signed_rank({0.0, 0.0}).p_value == 1.0);  // nothing left to test
  // By hand: three positive differences, ranks 1, 2, 3; only 1 of the 8 sign patterns reaches
  // W+ = 6, and one reaches 0, so p = 2 / 8.
  CHECK(wilcoxon_signed_rank({0.1, 0.2, 0.3}).p_value == doctest::Approx(0.25));
}

TEST_CASE("Fig. 3: the mean of the top k so far, and windows of evaluations") {
  auto runs = example_runs();
  auto top = top_so_far(runs, 2);
  std::vector<double> b;
  for (const auto& p : top)
    if (p.group == "B") b.push_back(p.top_mean.mean);
  REQUIRE(b.size() == 4);
  CHECK(b[0] == doctest::Approx(0.2));
  CHECK(b[1] == doctest::Approx(0.25));
  CHECK(b[2] == doctest::Approx(0.25));
  CHECK(b[3] == doctest::Approx(0.35));
  auto w = windows(runs, 3);
  REQUIRE(w.size() == 4);  // two windows per group
  CHECK(w[2].group == "B");
  CHECK(w[2].first == 1);
  CHECK(w[2].last == 3);
  CHECK(w[2].rewards.mean == doctest::Approx(0.2));
  CHECK(w[2].rewards.std == doctest::Approx(0.1));
  CHECK(w[3].first == 4);
  CHECK(w[3].rewards.mean == doctest::Approx(0.4));
}

TEST_CASE(
    "runs are grouped by the name before -seedN, and trials.csv is read back with its errors") {
  CHECK(group_of_run("curious-seed12") == "curious");
  CHECK(group_of_run("my-run") == "my-run");
  CHECK(seed_of_run("curious-seed12") == 12);
  CHECK_FALSE(seed_of_run("my-run").has_value());
  CHECK(kit::split_csv_line("1,\"a,\"\"b\"\"\",c") ==
        std::vector<std::string>{"1", "a,\"b\"", "c"});

  auto dir = test::temp_dir("compare");
  std::ofstream(dir / "trials.csv")
      << "index,status,reward,architecture\n0,ok,0.5,\"[1, 2]\"\n1,ok,0.75,\"[0, 0]\"\n";
  CHECK(read_trial_rewards(dir) == std::vector<double>{0.5, 0.75});
  std::ofstream(dir / "trials.csv")
      << "index,status,reward,architecture\n0,ok,0.5,\"[1, 2]\"\n1,ok,high,x\n";
  CHECK_THROWS_WITH_AS(
      read_trial_rewards(dir),
      ((dir / "trials.csv").string() + ":3: reward 'high' is not a number").c_str(),
      sdk::InputError);
  CHECK_THROWS_AS(read_trial_rewards(dir / "missing"), sdk::InputError);

  std::ostringstream terminal;
  auto files = write_comparison(example_runs(), {}, dir / "out", terminal);
  CHECK(files.size() == 4);
  std::ifstream table(dir / "out" / "table_v.csv");
  std::string header;
  std::getline(table, header);
  CHECK(header ==
        "group,runs,best_at_4_mean,best_at_4_std,best_at_4_se,test_at_4_mean,test_at_4_std,test_at_"
        "4_se,"
        "area_at_4_mean,area_at_4_std,area_at_4_se,all_mean,all_std,children_per_hour_mean,"
        "children_per_hour_se");
  CHECK(test::contains(terminal.str(), "0.8750 ± 0.0250"));  // std 0.0354 over sqrt(2)
  // These runs carry no seeds, so nothing is paired: paired.csv holds its header alone.
  std::ifstream paired(dir / "out" / "paired.csv");
  std::string line;
  int lines = 0;
  while (std::getline(paired, line)) ++lines;
  CHECK(lines == 1);
}
