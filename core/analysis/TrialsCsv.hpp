#pragma once
// Reads back what a run folder's trials.csv holds, for comparisons across runs.
#include <filesystem>
#include <string>
#include <vector>

namespace autood {

// The reward column of RUN_DIR/trials.csv, in evaluation order. Throws sdk::InputError naming
// the file and line when the file is missing or a row is malformed.
std::vector<double> read_trial_rewards(const std::filesystem::path& run_dir);

}  // namespace autood
