#pragma once
// Comparing searches the way the paper's ablations do (Table V and Fig. 3), from plain reward
// series: one series per run, runs grouped by their variant (controller, eta, buffer...).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/PairedTest.hpp"

namespace autood {

struct RunRewards {
  std::string group;            // the variant, e.g. "curious" or "eta0"
  std::string source;           // where the series came from, for messages
  std::vector<double> rewards;  // validation reward of every evaluation, in order
  // Test AUROC of every evaluation (NaN where the child was not scored); empty if unknown.
  // Never used to choose anything: it reports how good the validation's choice really was.
  std::vector<double> test = {};
  std::optional<std::int64_t> seed = std::nullopt;  // pairs runs of different groups
  // The children's own time (training and scoring; cache hits cost none), summed: what the
  // throughput is measured by. Resumed runs keep it, a search's wall time would not.
  std::optional<double> seconds = std::nullopt;
};

struct Stat {
  double mean = 0.0;
  double std = 0.0;  // sample standard deviation; 0 for a single value
  double se = 0.0;   // standard error of the mean, std / sqrt(n)
};

Stat mean_and_std(const std::vector<double>& values);

// One run's measures at a checkpoint c (its first c evaluations).
double best_at(const RunRewards& run, std::size_t c);
// The test AUROC of the child with the best validation reward among the first c (the first such
// child on ties); nullopt without test values.
std::optional<double> test_of_best_at(const RunRewards& run, std::size_t c);
// The area under the best-so-far curve over the first c evaluations, divided by c: the mean of
// the best reward after 1, 2, ..., c evaluations. It rewards finding good children early.
double area_under_best(const RunRewards& run, std::size_t c);

// Table V: per group, over the group's runs, at each checkpoint: the best reward seen, the test
// AUROC of that best child, and the area under the best-so-far curve; then the mean and std of
// every evaluation of every run.
struct TableVRow {
  std::string group;
  std::size_t runs = 0;
  std::vector<std::optional<Stat>> best_at;  // one per checkpoint; empty where a run is shorter
  std::vector<std::optional<Stat>> test_at;  // empty also where a run has no test values
  std::vector<std::optional<Stat>> area_at;
  Stat all;
  std::optional<Stat> per_hour;  // evaluations per hour of children's time, if every run has it
};

// The checkpoints to report: the wanted ones that every run reaches, and the shortest run's end.
std::vector<std::size_t> checkpoints_for(const std::vector<RunRewards>& runs,
                                         const std::vector<std::size_t>& wanted);
std::vector<TableVRow> table_v(const std::vector<RunRewards>& runs,
                               const std::vector<std::size_t>& checkpoints);

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
// "curious-seed2" -> 2; nullopt without the suffix.
std::optional<std::int64_t> seed_of_run(const std::string& run_name);

// Each group against a reference group, seed by seed, on every measure of Table V.
struct PairedRow {
  std::string group, reference, measure;  // measure: "best@100", "test@100", "area@100"
  PairedSummary summary;
};
// Pairs runs by seed; a group with no seed shared with the reference gets no rows. The reference
// must be a group of runs.
std::vector<PairedRow> paired_rows(const std::vector<RunRewards>& runs,
                                   const std::string& reference,
                                   const std::vector<std::size_t>& checkpoints);

}  // namespace autood
