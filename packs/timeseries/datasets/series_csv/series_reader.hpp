#pragma once
// Reading a multivariate series from CSV: one row per time step, one column per channel, and
// optionally a label column (0 normal, anything else anomalous) and a time column to skip.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace timeseries {

struct Series {
  std::vector<std::string> channel_names;
  std::vector<double> values;           // row-major: steps x channels
  std::vector<std::uint8_t> anomalous;  // 1 or 0 per step; empty without a label column
  std::size_t steps = 0;
};

// Throws autood::sdk::InputError naming the file, the line and the column of anything malformed.
Series read_series(const std::string& path, const std::string& label_column,
                   const std::string& time_column);

}  // namespace timeseries
