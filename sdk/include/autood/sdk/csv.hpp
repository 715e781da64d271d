#pragma once
// Splitting one CSV line, for loaders and for the host's own CSV files.
#include <string>
#include <vector>

#include "autood/sdk/export.hpp"

namespace autood::sdk {

// Cells split on commas, RFC 4180 quoting: double quotes group a cell and "" inside them is a
// quote. A trailing carriage return is dropped.
AUTOOD_SDK_API std::vector<std::string> split_csv_line(const std::string& line);

}  // namespace autood::sdk
