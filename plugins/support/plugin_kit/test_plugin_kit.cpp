// The plugin kit's CSV reading and pooling rule, by hand.
#include <doctest/doctest.h>

#include "autood/kit/csv.hpp"
#include "autood/kit/pooling.hpp"

using namespace autood;

TEST_CASE("plugin kit: a cell is trimmed, a number must be whole and finite") {
  CHECK(kit::trim_cell(" \t 1.5\r") == "1.5");
  CHECK(kit::trim_cell(" \r").empty());
  double value = 0;
  CHECK(kit::parse_finite("1e3", value));
  CHECK(value == 1000.0);
  CHECK(kit::parse_finite("-0.25", value));
  CHECK(value == -0.25);
  for (const char* bad : {"", "1x", "nan", "inf", "-inf", "1e999", "1 2"}) {
    CAPTURE(bad);
    CHECK_FALSE(kit::parse_finite(bad, value));
  }
}

TEST_CASE("plugin kit: the byte-order mark goes, and long headers are cut in messages") {
  std::string line =
      "\xEF\xBB\xBF"
      "a,b";  // split, or \xBFa would be one escape
  kit::strip_byte_order_mark(line);
  CHECK(line == "a,b");
  std::vector<std::string> header;
  for (int i = 0; i < 13; ++i) header.push_back("c" + std::to_string(i));
  const auto text = kit::column_list(header);
  CHECK(text.find("'c11'") != std::string::npos);
  CHECK(text.find("'c12'") == std::string::npos);
  CHECK(text.find("... (13 in all)") != std::string::npos);
}

TEST_CASE("plugin kit: pooling halves by (n + 2 (k / 2) - k) / 2 + 1, and k = 1 keeps the size") {
  CHECK(kit::pooled_size(28, 3) == 14);
  CHECK(kit::pooled_size(7, 3) == 4);
  CHECK(kit::pooled_size(7, 5) == 4);
  CHECK(kit::pooled_size(7, 1) == 7);
  CHECK(kit::pooled_size(1, 7) == 1);
}
