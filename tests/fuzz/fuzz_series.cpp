// The time-series pack's CSV reader on any bytes: a series whose values are all finite, one per
// step and channel, with one label per step, or an InputError.
#include <cmath>

#include "FuzzSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "series_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto series =
        timeseries::read_series(autood::fuzz::as_file(data, size, ".csv"), "label", "time");
    if (series.values.size() != series.steps * series.channel_names.size()) __builtin_trap();
    if (series.anomalous.size() != series.steps) __builtin_trap();
    for (double v : series.values)
      if (!std::isfinite(v)) __builtin_trap();
  } catch (const autood::sdk::InputError&) {
  }
  return 0;
}
