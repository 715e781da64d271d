// Table V and Fig. 3 arithmetic against values worked out by hand, and reading trials.csv back.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "TestSupport.hpp"
#include "analysis/Comparison.hpp"
#include "analysis/ComparisonReport.hpp"
#include "analysis/TrialsCsv.hpp"
#include "autood/sdk/csv.hpp"
#include "autood/sdk/errors.hpp"

using namespace autood;

namespace {
std::vector<RunRewards> example_runs() {
  return {{"A", "a0", {0.5, 0.7, 0.6, 0.9}}, {"A", "a1", {0.8, 0.4, 0.85, 0.6}}, {"B", "b0", {0.2, 0.3, 0.1, 0.4}}};
}
}  // namespace

TEST_CASE("Table V: best so far at each checkpoint, mean and std over runs, and over all evaluations") {
  auto runs = example_runs();
  auto checkpoints = checkpoints_for(runs, {2, 3, 10});
  CHECK(checkpoints == std::vector<std::size_t>{2, 3, 4});  // 10 is past the runs; their end is added
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

TEST_CASE("runs are grouped by the name before -seedN, and trials.csv is read back with its errors") {
  CHECK(group_of_run("curious-seed12") == "curious");
  CHECK(group_of_run("my-run") == "my-run");
  CHECK(sdk::split_csv_line("1,\"a,\"\"b\"\"\",c") == std::vector<std::string>{"1", "a,\"b\"", "c"});

  auto dir = test::temp_dir("compare");
  std::ofstream(dir / "trials.csv") << "index,status,reward,architecture\n0,ok,0.5,\"[1, 2]\"\n1,ok,0.75,\"[0, 0]\"\n";
  CHECK(read_trial_rewards(dir) == std::vector<double>{0.5, 0.75});
  std::ofstream(dir / "trials.csv") << "index,status,reward,architecture\n0,ok,0.5,\"[1, 2]\"\n1,ok,high,x\n";
  CHECK_THROWS_WITH_AS(read_trial_rewards(dir), ((dir / "trials.csv").string() + ":3: reward 'high' is not a number").c_str(),
                       sdk::InputError);
  CHECK_THROWS_AS(read_trial_rewards(dir / "missing"), sdk::InputError);

  std::ostringstream terminal;
  auto files = write_comparison(example_runs(), {}, dir / "out", terminal);
  CHECK(files.size() == 3);
  std::ifstream table(dir / "out" / "table_v.csv");
  std::string header;
  std::getline(table, header);
  CHECK(header == "group,runs,best_at_4_mean,best_at_4_std,all_mean,all_std");
  CHECK(test::contains(terminal.str(), "0.8750 ± 0.0354"));
}
