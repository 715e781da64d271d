#pragma once
// Per-pixel anomaly maps of image samples as PNG: `autood score --maps` and the report's
// examples. Maps share one grey scale (black: the lowest value among them, white: the highest),
// so that a brighter map is a more anomalous one.
#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <vector>

#include "model/ModelBundle.hpp"

namespace autood {

// The distance's map of every sample [N, H, W] (samples already standardised as the model needs).
at::Tensor anomaly_maps(LoadedModel& model, const at::Tensor& samples);

// Writes DIR/<index>.png for every map, on one shared scale; returns how many.
std::size_t write_map_pngs(const at::Tensor& maps, const std::filesystem::path& dir);

// One image [C, H, W] in [0, 1], or a map [H, W] scaled from lo..hi, as PNG bytes.
std::string image_png(const at::Tensor& image);
std::string map_png(const at::Tensor& map, double lo, double hi);

// For an image run: a few test inliers and outliers with their maps (and masks, for
// segmentation), written into MODEL_DIR/examples/ with examples.csv listing them.
void write_example_maps(LoadedModel& model, const DataSplits& data,
                        const std::filesystem::path& model_dir, std::size_t per_class = 4);

}  // namespace autood
