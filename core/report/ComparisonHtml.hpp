#pragma once
// The HTML page of a comparison (`autood compare`, `autood ablate`): Table V, and the paper's
// Fig. 3 curves per variant with their spread over seeds, self-contained like a run's report.
#include <filesystem>
#include <vector>

#include "analysis/Comparison.hpp"
#include "analysis/ComparisonReport.hpp"

namespace autood {

// Writes OUT_DIR/report.html and returns its path.
std::filesystem::path write_comparison_html(const std::vector<RunRewards>& runs,
                                            const ComparisonOptions& options,
                                            const std::filesystem::path& out_dir);

}  // namespace autood
