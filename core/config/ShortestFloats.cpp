#include "config/ShortestFloats.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <regex>

namespace autood {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// A bare value's characters: a float, an integer, a date or a word such as true or inf.
bool in_token(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '+' ||
         c == '_' || c == ':';
}

// The shortest text that std::strtod reads back to the same double as `token`; `token` itself
// when it is not a decimal float (an integer, a date, inf or nan).
std::string shortest(const std::string& token) {
  static const std::regex decimal_float(R"([-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  if (token.find_first_of(".eE") == std::string::npos || !std::regex_match(token, decimal_float))
    return token;
  const double value = std::strtod(token.c_str(), nullptr);
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  std::string text(buffer, end);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // 3 would be an integer
  return text;
}

// The index after the string that starts at `i` (basic or literal, one line or multi-line).
std::size_t string_end(std::string_view text, std::size_t i) {
  const char quote = text[i];
  const bool multi = text.compare(i, 3, std::string(3, quote)) == 0;
  std::size_t j = i + (multi ? 3 : 1);
  while (j < text.size()) {
    if (quote == '"' && text[j] == '\\') {
      j += 2;
      continue;
    }
    if (multi ? text.compare(j, 3, std::string(3, quote)) == 0 : text[j] == quote)
      return j + (multi ? 3 : 1);
    ++j;
  }
  return text.size();
}

}  // namespace

std::string with_shortest_floats(std::string_view toml) {
  std::string out;
  out.reserve(toml.size());
  char before = '\n';   // the last character outside blanks: what the next token follows
  bool header = false;  // within a [table] header's line
  for (std::size_t i = 0; i < toml.size();) {
    const char c = toml[i];
    if (c == '"' || c == '\'') {
      const std::size_t end = string_end(toml, i);
      out.append(toml.substr(i, end - i));
      before = c;
      i = end;
    } else if (c == '#') {
      const std::size_t end = std::min(toml.find('\n', i), toml.size());
      out.append(toml.substr(i, end - i));
      i = end;
    } else if (in_token(c)) {
      std::size_t end = i;
      while (end < toml.size() && in_token(toml[end])) ++end;
      const std::string token(toml.substr(i, end - i));
      const bool value = !header && (before == '=' || before == '[' || before == ',');
      out += value && (is_digit(c) || c == '-' || c == '+') ? shortest(token) : token;
      before = toml[end - 1];
      i = end;
    } else {
      if (c == '\n') header = false;
      if (c == '[' && before == '\n') header = true;
      if (c != ' ' && c != '\t' && c != '\r') before = c;
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace autood
