#pragma once
// Comparing searches the way the paper's ablations do (Table V and Fig. 3), from plain reward
// series: one series per run, runs grouped by their variant (controller, eta, buffer...).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace autood {

struct RunRewards {
  std::string group;            // the variant, e.g. "curious" or "eta0"
  std::string source;           // where the series came from, for messages
  std::vector<double> rewards;  // validation reward of every evaluation, in order
};

struct Stat {
  double mean = 0.0;
  double std = 0.0;  // sample standard deviation; 0 for a single value
};

Stat mean_and_std(const std::vector<double>& values);

// Table V: per group, the best reward seen by each checkpoint (mean and std over the group's
// runs), and the mean and std of every evaluation of every run.
struct TableVRow {
  std::string group;
  std::size_t runs = 0;
  std::vector<std::optional<Stat>> best_at;  // one per checkpoint; empty where a run is shorter
  Stat all;
};

// The checkpoints to report: the wanted ones that every run reaches, and the shortest run's end.
std::vector<std::size_t> checkpoints_for(const std::vector<RunRewards>& runs, const std::vector<std::size_t>& wanted);
std::vector<TableVRow> table_v(const std::vector<RunRewards>& runs, const std::vector<std::size_t>& checkpoints);

// Fig. 3, first series: after each evaluation, the mean of the best `top` rewards so far,
// averaged over the group's runs.
struct TopSoFarPoint {
  std::string group;
  std::size_t evaluation = 0;  // 1-based
  Stat top_mean;               // over runs
};
std::vector<TopSoFarPoint> top_so_far(const std::vector<RunRewards>& runs, std::size_t top);

// Fig. 3, second series: the mean and std of the rewards in each window of `width` evaluations,
// pooled over the group's runs.
struct WindowPoint {
  std::string group;
  std::size_t first = 0, last = 0;  // 1-based, inclusive
  Stat rewards;
};
std::vector<WindowPoint> windows(const std::vector<RunRewards>& runs, std::size_t width);

// "curious-seed2" -> "curious": runs of one variant differ only in their seed suffix.
std::string group_of_run(const std::string& run_name);

}  // namespace autood
