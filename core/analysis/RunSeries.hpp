#pragma once
// Reads back what a run folder's trials.csv holds, for comparisons across runs.
#include <filesystem>
#include <string>
#include <vector>

namespace autood {

// Every trial's reward in RUN_DIR/trials.sqlite (or, for older runs, trials.csv), in order. Throws
// sdk::InputError naming the file and line when the file is missing or a row is malformed.
std::vector<double> read_trial_rewards(const std::filesystem::path& run_dir);

}  // namespace autood
