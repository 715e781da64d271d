#pragma once
// `autood report`: one self-contained report.html for a run folder (no network, no external
// file): the config and data, the best model and its test metrics, its ROC and PR curves and
// score histograms, the search's progress (paper Fig. 3) and a sortable table of every trial.
#include <filesystem>

#include "autood/sdk/log.hpp"

namespace autood {

// Writes RUN_DIR/report.html and returns its path. Throws sdk::InputError if RUN_DIR holds no
// trial store.
std::filesystem::path write_report(const std::filesystem::path& run_dir, sdk::Logger& log);

}  // namespace autood
