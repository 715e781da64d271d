// Dataset loader for time series in CSV: cuts a multivariate series into sliding windows, the
// samples [N, C, L] that the pack's 1-D ops take. A window is labelled "anomaly" (1) if any of
// its steps is labelled anomalous, else "normal" (0), so the one-class protocol applies as is
// (data.normal_classes = [0]). The default stride is the window, so that windows do not overlap
// and no step is both trained on and tested.
#include <torch/torch.h>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/log.hpp"
#include "autood/sdk/plugin.hpp"
#include "series_reader.hpp"

namespace {

using autood::sdk::InputError;

// Windows beyond this many floats (1 GiB) are refused before they are allocated.
constexpr std::int64_t kMaxElements = std::int64_t{1} << 28;

class SeriesCsvLoader : public autood::sdk::DatasetLoader {
 public:
  autood::sdk::Dataset load(const autood::sdk::Params& params, autood::sdk::Logger& log) override {
    const auto& path = params.get_string("path");
    if (path.empty()) throw InputError("data.source.path must name a CSV file");
    const auto window = params.get_int("window");
    const auto stride = params.get_int("stride") == 0 ? window : params.get_int("stride");
    auto series = timeseries::read_series(path, params.get_string("label_column"),
                                          params.get_string("time_column"));
    const auto steps = static_cast<std::int64_t>(series.steps);
    const auto channels = static_cast<std::int64_t>(series.channel_names.size());
    if (steps < window)
      throw InputError(path + ": " + std::to_string(steps) +
                       " steps, fewer than data.source.window = " + std::to_string(window));
    const auto count = (steps - window) / stride + 1;
    if (count > kMaxElements / channels / window)
      throw InputError(path + ": " + std::to_string(count) + " windows of " +
                       std::to_string(window) + " x " + std::to_string(channels) +
                       " channels exceed 2^28 values; raise data.source.stride or lower window");

    // [steps, C] -> [C, steps] -> windows [N, C, L] by unfold, copied so that they own storage.
    auto all = torch::tensor(series.values, torch::kDouble).view({steps, channels}).t();
    autood::sdk::Dataset data;
    data.samples = all.unfold(1, window, stride).permute({1, 0, 2}).to(torch::kFloat).contiguous();
    std::int64_t anomalous_windows = 0;
    if (!series.anomalous.empty()) {
      // The same windows over the per-step flags: a window is anomalous if any step is.
      auto flags = torch::tensor(series.anomalous, torch::kUInt8);
      data.labels = flags.unfold(0, window, stride).amax(1).to(torch::kLong);
      anomalous_windows = data.labels.sum().item<std::int64_t>();
      data.class_names = {"normal", "anomaly"};
    }
    data.description =
        path + " (" + std::to_string(steps) + " steps, " + std::to_string(channels) +
        " channels; " + std::to_string(count) + " windows of " + std::to_string(window) +
        ", stride " + std::to_string(stride) +
        (data.labels.defined() ? ", " + std::to_string(anomalous_windows) + " anomalous"
                               : std::string()) +
        ")";
    log.info("series_csv: " + data.description);
    return data;
  }
};

void register_series_csv(autood::sdk::Registrar& registrar) {
  autood::sdk::DatasetChoice choice;
  choice.name = "series_csv";
  choice.summary = "time series: a CSV of steps x channels, cut into sliding windows [C, L]";
  choice.params = {
      {"path", std::string(), "the CSV file: a header row, then one row per time step"},
      {"label_column", std::string("label"), "0 normal, else anomalous, per step; \"\" for none"},
      {"time_column", std::string(), "a column to skip, such as a timestamp; \"\" for none"},
      {"window", std::int64_t{64}, "steps per window", 2, 65536},
      {"stride", std::int64_t{0}, "steps between window starts; 0 for the window (no overlap)", 0,
       65536},
  };
  choice.create = [] { return std::make_shared<SeriesCsvLoader>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("series_csv", "1.0.0", register_series_csv)
