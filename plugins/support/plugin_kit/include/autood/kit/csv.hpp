#pragma once
// Reading CSV, for loaders and for the host's own CSV files.
#include <string>
#include <vector>

namespace autood::kit {

// Cells split on commas, RFC 4180 quoting: double quotes group a cell and "" inside them is a
// quote. A trailing carriage return is dropped.
std::vector<std::string> split_csv_line(const std::string& line);

// The cell without spaces, tabs and the carriage return of a file saved with Windows line ends.
std::string trim_cell(const std::string& text);

// Drops the byte-order mark that spreadsheet programs put before a UTF-8 file's first column.
void strip_byte_order_mark(std::string& line);

// The header's first twelve names, quoted and cut short, for messages about a missing column.
std::string column_list(const std::vector<std::string>& header);

// Reads a whole cell as a finite number; false for "", "1x", "nan", "inf" or an overflow.
bool parse_finite(const std::string& cell, double& value);

}  // namespace autood::kit
