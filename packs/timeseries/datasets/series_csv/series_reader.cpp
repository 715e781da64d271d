#include "series_reader.hpp"

#include <fstream>

#include "autood/kit/csv.hpp"
#include "autood/sdk/errors.hpp"

namespace timeseries {
namespace {

using autood::kit::column_list;
using autood::kit::trim_cell;
using autood::sdk::excerpt;
using autood::sdk::InputError;

// The index of the column named `name`, header.size() for "", or an error naming the key.
std::size_t find_column(const std::vector<std::string>& header, const std::string& name,
                        const std::string& key, const std::string& path) {
  if (name.empty()) return header.size();
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw InputError(path + ":1: no column " + excerpt(name) + "; the columns are " +
                   column_list(header) + " (set data.source." + key + ", or \"\" for none)");
}

}  // namespace

Series read_series(const std::string& path, const std::string& label_column,
                   const std::string& time_column) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open");
  std::string line;
  if (!std::getline(in, line)) throw InputError(path + ": empty file, expected a header row");
  autood::kit::strip_byte_order_mark(line);
  auto header = autood::kit::split_csv_line(line);
  for (auto& name : header) name = trim_cell(name);
  const auto label = find_column(header, label_column, "label_column", path);
  const auto time = find_column(header, time_column, "time_column", path);
  if (label == time && label != header.size())
    throw InputError(path + ":1: data.source.label_column and time_column name the same column");

  Series series;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (i != label && i != time) series.channel_names.push_back(header[i]);
  if (series.channel_names.empty()) throw InputError(path + ":1: no channel columns");

  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (trim_cell(line).empty()) continue;
    auto cells = autood::kit::split_csv_line(line);
    const auto where = path + ":" + std::to_string(number);
    if (cells.size() != header.size())
      throw InputError(where + ": " + std::to_string(cells.size()) + " cells, the header has " +
                       std::to_string(header.size()));
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i == time) continue;  // timestamps are only read in order, never parsed
      auto cell = trim_cell(cells[i]);
      double value = 0;
      if (!autood::kit::parse_finite(cell, value))
        throw InputError(where + ": column " + std::to_string(i + 1) + " (" + excerpt(header[i]) +
                         "): " + excerpt(cell) + " is not a finite number");
      if (i == label)
        series.anomalous.push_back(value != 0 ? 1 : 0);
      else
        series.values.push_back(value);
    }
    ++series.steps;
  }
  if (series.steps == 0) throw InputError(path + ": no data rows after the header");
  return series;
}

}  // namespace timeseries
