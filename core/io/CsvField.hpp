#pragma once
#include <string>

namespace autood {

// One CSV field as RFC 4180 writes it: quoted, with quotes doubled, only when it needs to be.
inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace autood
