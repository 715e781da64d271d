#include "csv_reader.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "autood/sdk/csv.hpp"
#include "autood/sdk/errors.hpp"

namespace autood_csv {
namespace {

using autood::sdk::excerpt;

// Spaces, tabs, and the carriage return of a file saved with Windows line ends.
std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Spreadsheet programs start a UTF-8 CSV with a byte-order mark, which is not part of the first
// column's name.
void strip_byte_order_mark(std::string& line) {
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
}

std::string column_list(const std::vector<std::string>& header) {
  std::string text;
  for (std::size_t i = 0; i < header.size() && i < 12; ++i)
    text += (i ? ", " : "") + excerpt(header[i], 32);
  if (header.size() > 12) text += ", ... (" + std::to_string(header.size()) + " in all)";
  return text;
}

}  // namespace

Table read_table(const std::string& path, const std::string& label_column) {
  std::ifstream in(path);
  if (!in) throw autood::sdk::InputError(path + ": cannot open");
  std::string line;
  if (!std::getline(in, line))
    throw autood::sdk::InputError(path + ": empty file, expected a header row");
  strip_byte_order_mark(line);
  auto header = autood::sdk::split_csv_line(line);
  for (auto& name : header) name = trim(name);
  std::size_t label_index = header.size();
  if (!label_column.empty()) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == label_column) label_index = i;
    if (label_index == header.size())
      throw autood::sdk::InputError(path + ":1: no column " + excerpt(label_column) +
                                    " for the labels; the columns are " + column_list(header) +
                                    " (set data.source.label_column, or \"\" for none)");
  }
  Table table;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (i != label_index) table.feature_names.push_back(header[i]);
  if (table.feature_names.empty()) throw autood::sdk::InputError(path + ":1: no feature columns");

  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (trim(line).empty()) continue;
    auto cells = autood::sdk::split_csv_line(line);
    const auto where = path + ":" + std::to_string(number);
    if (cells.size() != header.size())
      throw autood::sdk::InputError(where + ": " + std::to_string(cells.size()) +
                                    " cells, the header has " + std::to_string(header.size()));
    for (std::size_t i = 0; i < cells.size(); ++i) {
      auto cell = trim(cells[i]);
      if (i == label_index) {
        table.labels.push_back(cell);
        continue;
      }
      char* end = nullptr;
      errno = 0;
      double value = std::strtod(cell.c_str(), &end);
      if (cell.empty() || end != cell.c_str() + cell.size() || errno == ERANGE ||
          !std::isfinite(value))
        throw autood::sdk::InputError(where + ": column " + std::to_string(i + 1) + " (" +
                                      excerpt(header[i]) + "): " + excerpt(cell) +
                                      " is not a finite number");
      table.values.push_back(value);
    }
    ++table.rows;
  }
  if (table.rows == 0) throw autood::sdk::InputError(path + ": no data rows after the header");
  return table;
}

}  // namespace autood_csv
