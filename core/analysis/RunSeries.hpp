#pragma once
// Reads back a run folder's series of rewards (and test AUROCs), for comparisons across runs.
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/Comparison.hpp"

namespace autood {

// Every trial's reward in RUN_DIR/trials.sqlite (or, for older runs, trials.csv), in order. Throws
// sdk::InputError naming the file and line when the file is missing or a row is malformed.
std::vector<double> read_trial_rewards(const std::filesystem::path& run_dir);

// The run as a comparison reads it: its group and seed from the folder's name ("curious-seed3"),
// the rewards, and from trials.sqlite each trial's test AUROC (NaN where it was not scored).
RunRewards read_run(const std::filesystem::path& run_dir);

}  // namespace autood
