#include "csv_reader.hpp"

#include <fstream>

#include "autood/kit/csv.hpp"
#include "autood/sdk/errors.hpp"

namespace autood_csv {

using autood::kit::column_list;
using autood::kit::trim_cell;
using autood::sdk::excerpt;

Table read_table(const std::string& path, const std::string& label_column) {
  std::ifstream in(path);
  if (!in) throw autood::sdk::InputError(path + ": cannot open");
  std::string line;
  if (!std::getline(in, line))
    throw autood::sdk::InputError(path + ": empty file, expected a header row");
  autood::kit::strip_byte_order_mark(line);
  auto header = autood::kit::split_csv_line(line);
  for (auto& name : header) name = trim_cell(name);
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
    if (trim_cell(line).empty()) continue;
    auto cells = autood::kit::split_csv_line(line);
    const auto where = path + ":" + std::to_string(number);
    if (cells.size() != header.size())
      throw autood::sdk::InputError(where + ": " + std::to_string(cells.size()) +
                                    " cells, the header has " + std::to_string(header.size()));
    for (std::size_t i = 0; i < cells.size(); ++i) {
      auto cell = trim_cell(cells[i]);
      if (i == label_index) {
        table.labels.push_back(cell);
        continue;
      }
      double value = 0;
      if (!autood::kit::parse_finite(cell, value))
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
