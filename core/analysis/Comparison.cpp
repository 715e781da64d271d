#include "analysis/Comparison.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <regex>

#include "autood/sdk/errors.hpp"

namespace autood {
namespace {

// Groups in the order they first appear, so tables follow the order the user gave.
std::vector<std::pair<std::string, std::vector<const RunRewards*>>> by_group(
    const std::vector<RunRewards>& runs) {
  std::vector<std::pair<std::string, std::vector<const RunRewards*>>> groups;
  for (const auto& run : runs) {
    auto found = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& g) { return g.first == run.group; });
    if (found == groups.end())
      groups.push_back({run.group, {&run}});
    else
      found->second.push_back(&run);
  }
  return groups;
}

}  // namespace

Stat mean_and_std(const std::vector<double>& values) {
  Stat stat;
  if (values.empty()) return stat;
  const double n = static_cast<double>(values.size());
  stat.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  if (values.size() > 1) {
    double squares = 0;
    for (double v : values) squares += (v - stat.mean) * (v - stat.mean);
    stat.std = std::sqrt(squares / (n - 1));
    stat.se = stat.std / std::sqrt(n);
  }
  return stat;
}

double best_at(const RunRewards& run, std::size_t c) {
  return *std::max_element(run.rewards.begin(),
                           run.rewards.begin() + static_cast<std::ptrdiff_t>(c));
}

std::optional<double> test_of_best_at(const RunRewards& run, std::size_t c) {
  if (run.test.size() < c) return std::nullopt;
  auto best =
      std::max_element(run.rewards.begin(), run.rewards.begin() + static_cast<std::ptrdiff_t>(c));
  const double test = run.test[static_cast<std::size_t>(best - run.rewards.begin())];
  return std::isfinite(test) ? std::optional<double>(test) : std::nullopt;
}

double area_under_best(const RunRewards& run, std::size_t c) {
  double best = run.rewards[0], sum = 0;
  for (std::size_t e = 0; e < c; ++e) sum += best = std::max(best, run.rewards[e]);
  return sum / static_cast<double>(c);
}

std::vector<std::size_t> checkpoints_for(const std::vector<RunRewards>& runs,
                                         const std::vector<std::size_t>& wanted) {
  std::size_t shortest = 0;
  for (const auto& run : runs)
    shortest = shortest == 0 ? run.rewards.size() : std::min(shortest, run.rewards.size());
  std::vector<std::size_t> result;
  for (auto c : wanted)
    if (c >= 1 && c <= shortest) result.push_back(c);
  if (shortest > 0 && (result.empty() || result.back() != shortest)) result.push_back(shortest);
  std::sort(result.begin(), result.end());
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

std::vector<TableVRow> table_v(const std::vector<RunRewards>& runs,
                               const std::vector<std::size_t>& checkpoints) {
  std::vector<TableVRow> rows;
  for (const auto& [group, members] : by_group(runs)) {
    TableVRow row;
    row.group = group;
    row.runs = members.size();
    auto over_members = [&](auto measure) {  // a Stat if every run has the measure
      std::vector<double> values;
      for (const auto* run : members)
        if (auto value = measure(*run)) values.push_back(*value);
      return values.size() == members.size() ? std::optional<Stat>(mean_and_std(values))
                                             : std::nullopt;
    };
    for (auto c : checkpoints) {
      auto reaches = [c](const RunRewards& run) { return c >= 1 && run.rewards.size() >= c; };
      row.best_at.push_back(over_members([&](const RunRewards& run) {
        return reaches(run) ? std::optional<double>(best_at(run, c)) : std::nullopt;
      }));
      row.test_at.push_back(over_members([&](const RunRewards& run) {
        return reaches(run) ? test_of_best_at(run, c) : std::nullopt;
      }));
      row.area_at.push_back(over_members([&](const RunRewards& run) {
        return reaches(run) ? std::optional<double>(area_under_best(run, c)) : std::nullopt;
      }));
    }
    std::vector<double> all;
    for (const auto* run : members) all.insert(all.end(), run->rewards.begin(), run->rewards.end());
    row.all = mean_and_std(all);
    row.per_hour = over_members([](const RunRewards& run) {
      return run.seconds && *run.seconds > 0
                 ? std::optional<double>(3600.0 * static_cast<double>(run.rewards.size()) /
                                         *run.seconds)
                 : std::nullopt;
    });
    rows.push_back(row);
  }
  return rows;
}

std::vector<TopSoFarPoint> top_so_far(const std::vector<RunRewards>& runs, std::size_t top) {
  std::vector<TopSoFarPoint> points;
  for (const auto& [group, members] : by_group(runs)) {
    std::size_t length = 0;
    for (const auto* run : members) length = std::max(length, run->rewards.size());
    for (std::size_t e = 1; e <= length; ++e) {
      std::vector<double> per_run;
      for (const auto* run : members) {
        if (run->rewards.size() < e) continue;
        std::vector<double> seen(run->rewards.begin(),
                                 run->rewards.begin() + static_cast<std::ptrdiff_t>(e));
        auto k = std::min(top, seen.size());
        std::partial_sort(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(k), seen.end(),
                          std::greater<>());
        per_run.push_back(
            std::accumulate(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(k), 0.0) /
            static_cast<double>(k));
      }
      points.push_back({group, e, mean_and_std(per_run)});
    }
  }
  return points;
}

std::vector<WindowPoint> windows(const std::vector<RunRewards>& runs, std::size_t width) {
  std::vector<WindowPoint> points;
  for (const auto& [group, members] : by_group(runs)) {
    std::size_t length = 0;
    for (const auto* run : members) length = std::max(length, run->rewards.size());
    for (std::size_t start = 0; start < length; start += width) {
      std::vector<double> pooled;
      for (const auto* run : members)
        for (std::size_t i = start; i < std::min(start + width, run->rewards.size()); ++i)
          pooled.push_back(run->rewards[i]);
      points.push_back({group, start + 1, std::min(start + width, length), mean_and_std(pooled)});
    }
  }
  return points;
}

std::optional<std::int64_t> seed_of_run(const std::string& run_name) {
  static const std::regex seed_suffix("^.*-seed([0-9]{1,18})$");
  std::smatch match;
  if (!std::regex_match(run_name, match, seed_suffix)) return std::nullopt;
  return std::stoll(match[1].str());
}

std::vector<PairedRow> paired_rows(const std::vector<RunRewards>& runs,
                                   const std::string& reference,
                                   const std::vector<std::size_t>& checkpoints) {
  const auto groups = by_group(runs);
  auto reference_group = std::find_if(groups.begin(), groups.end(),
                                      [&](const auto& g) { return g.first == reference; });
  if (reference_group == groups.end()) {
    std::string names;
    for (const auto& g : groups) names += (names.empty() ? "" : ", ") + g.first;
    throw sdk::InputError("the reference variant '" + reference + "' is not among the runs (" +
                          names + ")");
  }
  std::map<std::int64_t, const RunRewards*> reference_by_seed;
  for (const auto* run : reference_group->second)
    if (run->seed) reference_by_seed[*run->seed] = run;
  using Measure = std::function<std::optional<double>(const RunRewards&, std::size_t)>;
  const std::vector<std::pair<std::string, Measure>> measures{
      {"best",
       [](const RunRewards& r, std::size_t c) { return std::optional<double>(best_at(r, c)); }},
      {"test", test_of_best_at},
      {"area", [](const RunRewards& r, std::size_t c) {
         return std::optional<double>(area_under_best(r, c));
       }}};
  std::vector<PairedRow> rows;
  for (const auto& [group, members] : groups) {
    if (group == reference) continue;
    for (const auto& [name, measure] : measures) {
      for (auto c : checkpoints) {
        std::vector<double> mine, theirs;
        for (const auto* run : members) {
          if (!run->seed || run->rewards.size() < c) continue;
          auto partner = reference_by_seed.find(*run->seed);
          if (partner == reference_by_seed.end() || partner->second->rewards.size() < c) continue;
          auto a = measure(*run, c), b = measure(*partner->second, c);
          if (a && b) mine.push_back(*a), theirs.push_back(*b);
        }
        if (mine.empty()) continue;
        rows.push_back(
            {group, reference, name + "@" + std::to_string(c), compare_paired(mine, theirs)});
      }
    }
  }
  return rows;
}

std::string group_of_run(const std::string& run_name) {
  static const std::regex seed_suffix("^(.*)-seed[0-9]+$");
  std::smatch match;
  return std::regex_match(run_name, match, seed_suffix) ? match[1].str() : run_name;
}

}  // namespace autood
