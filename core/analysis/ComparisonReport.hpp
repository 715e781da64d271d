#pragma once
// Writes a comparison as CSV files (table_v.csv, paired.csv, fig3_top5.csv, fig3_windows.csv)
// and prints Table V and the paired comparisons on the terminal.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/Comparison.hpp"

namespace autood {

struct ComparisonOptions {
  std::vector<std::size_t> checkpoints{20, 100, 200};
  std::size_t top = 5;
  std::size_t window = 20;
  std::string reference;  // the variant the others are paired against; empty: see reference_group
};

// The reference of the paired comparisons: the one asked for, else "random" if it was run, else
// the first variant.
std::string reference_group(const std::vector<RunRewards>& runs, const ComparisonOptions& options);

// "0.9172 ± 0.0035": a measure's mean ± standard error over seeds; "-" when it is missing.
std::string mean_se_text(const std::optional<Stat>& stat);

// Returns the files written.
std::vector<std::filesystem::path> write_comparison(const std::vector<RunRewards>& runs,
                                                    const ComparisonOptions& options,
                                                    const std::filesystem::path& out_dir,
                                                    std::ostream& terminal);

}  // namespace autood
