#pragma once
// A strict reader for numeric tables: a header row, comma-separated cells, one label column.
#include <string>
#include <vector>

namespace autood_csv {

struct Table {
  std::vector<std::string> feature_names;
  std::vector<double> values;       // row-major, rows x feature_names.size()
  std::vector<std::string> labels;  // one per row; empty when there is no label column
  std::size_t rows = 0;
};

// Throws sdk::InputError naming the file, the line and the column of a ragged row, an empty or
// non-numeric cell, or a missing label column.
Table read_table(const std::string& path, const std::string& label_column);

}  // namespace autood_csv
