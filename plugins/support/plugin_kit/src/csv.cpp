#include "autood/kit/csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "autood/sdk/errors.hpp"

namespace autood::kit {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        cells.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        cells.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  return cells;
}

std::string trim_cell(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

void strip_byte_order_mark(std::string& line) {
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
}

std::string column_list(const std::vector<std::string>& header) {
  std::string text;
  for (std::size_t i = 0; i < header.size() && i < 12; ++i)
    text += (i ? ", " : "") + sdk::excerpt(header[i], 32);
  if (header.size() > 12) text += ", ... (" + std::to_string(header.size()) + " in all)";
  return text;
}

bool parse_finite(const std::string& cell, double& value) {
  char* end = nullptr;
  errno = 0;
  value = std::strtod(cell.c_str(), &end);
  return !cell.empty() && end == cell.c_str() + cell.size() && errno != ERANGE &&
         std::isfinite(value);
}

}  // namespace autood::kit
