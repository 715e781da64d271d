// The CSV reader on any bytes: a table whose cells are all finite, or an InputError.
#include <cmath>

#include "FuzzSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto table = autood_csv::read_table(autood::fuzz::as_file(data, size, ".csv"), "label");
    if (table.values.size() != table.rows * table.feature_names.size()) __builtin_trap();
    for (double v : table.values)
      if (!std::isfinite(v)) __builtin_trap();
  } catch (const autood::sdk::InputError&) {
  }
  return 0;
}
