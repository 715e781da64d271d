#include "analysis/RunSeries.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "autood/kit/csv.hpp"
#include "autood/sdk/errors.hpp"
#include "store/TrialStore.hpp"

namespace autood {

std::vector<double> read_trial_rewards(const std::filesystem::path& run_dir) {
  if (std::filesystem::exists(run_dir / "trials.sqlite")) {
    std::vector<double> rewards;
    for (const auto& trial : TrialStore::open(run_dir / "trials.sqlite")->trials())
      rewards.push_back(trial.reward);
    return rewards;
  }
  const auto path = run_dir / "trials.csv";  // a run folder from before the trial store
  std::ifstream in(path);
  if (!in)
    throw sdk::InputError(run_dir.string() +
                          ": holds neither trials.sqlite nor trials.csv (is it a run folder?)");
  std::string line;
  if (!std::getline(in, line))
    throw sdk::InputError(path.string() + ": empty file, expected a header row");
  auto header = kit::split_csv_line(line);
  auto column = std::find(header.begin(), header.end(), "reward");
  if (column == header.end())
    throw sdk::InputError(path.string() + ":1: no 'reward' column in the header");
  const auto index = static_cast<std::size_t>(column - header.begin());
  std::vector<double> rewards;
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    auto fields = kit::split_csv_line(line);
    if (fields.size() != header.size())
      throw sdk::InputError(path.string() + ":" + std::to_string(number) + ": " +
                            std::to_string(fields.size()) + " fields, the header has " +
                            std::to_string(header.size()));
    try {
      std::size_t used = 0;
      rewards.push_back(std::stod(fields[index], &used));
      if (used != fields[index].size()) throw std::invalid_argument("trailing characters");
    } catch (const std::exception&) {
      throw sdk::InputError(path.string() + ":" + std::to_string(number) + ": reward '" +
                            fields[index] + "' is not a number");
    }
  }
  return rewards;
}

RunRewards read_run(const std::filesystem::path& run_dir) {
  const auto name =
      (run_dir.has_filename() ? run_dir.filename() : run_dir.parent_path().filename()).string();
  RunRewards run{group_of_run(name), run_dir.string(), {}, {}, seed_of_run(name)};
  if (!std::filesystem::exists(run_dir / "trials.sqlite")) {
    run.rewards = read_trial_rewards(run_dir);
    return run;
  }
  run.seconds = 0.0;
  for (const auto& trial : TrialStore::open(run_dir / "trials.sqlite")->trials()) {
    *run.seconds += trial.seconds;
    run.rewards.push_back(trial.reward);
    run.test.push_back(measured(trial.status) ? trial.test.auroc : std::nan(""));
  }
  return run;
}

}  // namespace autood
