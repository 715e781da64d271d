#include "config/ShortestFloats.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

namespace autood {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A bare value's characters: a float, an integer, a date or a word such as true or inf.
bool in_token(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '+' ||
         c == '_' || c == ':';
}

// The shortest text that reads back to the same double as `token`; `token` itself when it is not
// a decimal float (an integer, a date, inf or nan). from_chars and to_chars ignore the locale, so
// a host that set a decimal comma (Python's locale.setlocale) reads and writes the same.
std::string shortest(const std::string& token) {
  static const std::regex decimal_float(R"([-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  if (token.find_first_of(".eE") == std::string::npos || !std::regex_match(token, decimal_float))
    return token;
  const char* first = token.data() + (token[0] == '+' ? 1 : 0);  // from_chars takes no '+'
  double value = 0;
  const auto read = std::from_chars(first, token.data() + token.size(), value);
  if (read.ec != std::errc() || read.ptr != token.data() + token.size()) return token;
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  std::string text(buffer, end);
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";  // 3 would be an integer
  return text;
}

// The index after the string that starts at `i` (basic or literal, one line or multi-line). A
// multi-line string may end in one or two quotes of its own before its closing three.
std::size_t string_end(std::string_view text, std::size_t i) {
  const char quote = text[i];
  const std::string three(3, quote);
  const bool multi = text.compare(i, 3, three) == 0;
  std::size_t j = i + (multi ? 3 : 1);
  while (j < text.size()) {
    if (quote == '"' && text[j] == '\\') {
      j += 2;
      continue;
    }
    if (!multi && text[j] == quote) return j + 1;
    if (multi && text.compare(j, 3, three) == 0) {
      std::size_t end = j + 3;
      while (end < text.size() && end < j + 5 && text[end] == quote) ++end;
      return end;
    }
    ++j;
  }
  return text.size();
}

}  // namespace

std::string with_shortest_floats(std::string_view toml) {
  std::string out;
  out.reserve(toml.size());
  char before = '\n';      // the last character outside blanks: what the next token follows
  bool line_start = true;  // nothing but blanks yet on this line
  bool header = false;     // within a [table] header's line
  int arrays = 0;          // how many value arrays are open
  for (std::size_t i = 0; i < toml.size();) {
    const char c = toml[i];
    if (c == '"' || c == '\'') {
      const std::size_t end = string_end(toml, i);
      out.append(toml.substr(i, end - i));
      before = c;
      line_start = false;
      i = end;
    } else if (c == '#') {
      const std::size_t end = std::min(toml.find('\n', i), toml.size());
      out.append(toml.substr(i, end - i));
      i = end;
    } else if (in_token(c)) {
      std::size_t end = i;
      while (end < toml.size() && in_token(toml[end])) ++end;
      std::size_t next = end;  // a token followed by '=' is a key, in a table or inline
      while (next < toml.size() && (toml[next] == ' ' || toml[next] == '\t')) ++next;
      const bool key = next < toml.size() && toml[next] == '=';
      const bool value = !header && !key && (before == '=' || before == '[' || before == ',');
      const std::string token(toml.substr(i, end - i));
      out += value && (is_digit(c) || c == '-' || c == '+') ? shortest(token) : token;
      before = toml[end - 1];
      line_start = false;
      i = end;
    } else {
      if (c == '\n') header = false, line_start = true;
      if (c == '[') {
        if (arrays == 0 && line_start)
          header = true;  // [table] or [[array of tables]]
        else if (!header)
          ++arrays;
      }
      if (c == ']' && !header && arrays > 0) --arrays;
      if (!is_blank(c)) before = c, line_start = false;
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace autood
