#include "model/AnomalyMaps.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include "autood/sdk/errors.hpp"
#include "io/AtomicFile.hpp"
#include "io/PngWriter.hpp"
#include "model/ChildScoring.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

std::vector<std::uint8_t> to_bytes(const at::Tensor& values01) {
  auto bytes = values01.clamp(0, 1).mul(255).round().to(torch::kUInt8).contiguous();
  return std::vector<std::uint8_t>(bytes.data_ptr<std::uint8_t>(),
                                   bytes.data_ptr<std::uint8_t>() + bytes.numel());
}

}  // namespace

at::Tensor anomaly_maps(LoadedModel& model, const at::Tensor& samples) {
  if (samples.dim() != 4)
    throw sdk::InputError("anomaly maps need images; these samples have rank " +
                          std::to_string(samples.dim()));
  if (!model.is_ensemble()) return score_maps(model.child, samples, place_on_device(model));
  // An ensemble's map: each member's map on the scale of its scores, averaged as the scores are.
  at::Tensor sum;
  for (std::size_t m = 0; m < model.members.size(); ++m) {
    auto map = anomaly_maps(*model.members[m], samples) / model.member_scales[m].std;
    sum = sum.defined() ? sum + map : map;
  }
  return sum / static_cast<double>(model.members.size());
}

std::string image_png(const at::Tensor& image) {
  const auto channels = image.size(0);
  auto pixels = (channels == 3 ? image : image.select(0, 0).unsqueeze(0)).permute({1, 2, 0});
  return encode_png(static_cast<int>(image.size(2)), static_cast<int>(image.size(1)),
                    channels == 3 ? 3 : 1, to_bytes(pixels.to(torch::kFloat32)));
}

std::string map_png(const at::Tensor& map, double lo, double hi) {
  auto scaled = hi > lo ? (map - lo) / (hi - lo) : torch::zeros_like(map);
  return encode_png(static_cast<int>(map.size(1)), static_cast<int>(map.size(0)), 1,
                    to_bytes(scaled));
}

std::size_t write_map_pngs(const at::Tensor& maps, const fs::path& dir) {
  fs::create_directories(dir);
  const double lo = maps.min().item<double>(), hi = maps.max().item<double>();
  for (std::int64_t i = 0; i < maps.size(0); ++i) {
    write_file_atomically(dir / fmt::format("{:06}.png", i), map_png(maps[i], lo, hi),
                          Durability::Buffered);
  }
  return static_cast<std::size_t>(maps.size(0));
}

void write_example_maps(LoadedModel& model, const DataSplits& data, const fs::path& model_dir,
                        std::size_t per_class) {
  const auto& test = data.test;
  std::vector<std::int64_t> rows;
  for (int wanted : {0, 1}) {
    std::size_t taken = 0;
    for (std::size_t i = 0; i < test.is_outlier.size() && taken < per_class; ++i)
      if (test.is_outlier[i] == wanted) rows.push_back(static_cast<std::int64_t>(i)), ++taken;
  }
  auto samples = test.samples.index_select(0, torch::tensor(rows, torch::kLong));
  auto maps = anomaly_maps(model, samples);
  auto scores = model_scores(model, samples);  // an ensemble's, on the scale of scores.csv
  const double lo = maps.min().item<double>(), hi = maps.max().item<double>();
  const fs::path dir = model_dir / "examples";
  fs::create_directories(dir);
  std::string index = "row,source_index,is_outlier,score,sample,map,mask\n";
  auto save = [&](const std::string& name, const std::string& png) {
    write_file_atomically(dir / name, png, Durability::Buffered);
    return name;
  };
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const auto row = rows[k];
    const auto stem = fmt::format("{:04}", row);
    auto sample = save(stem + "-sample.png", image_png(samples[static_cast<std::int64_t>(k)]));
    auto map = save(stem + "-map.png", map_png(maps[static_cast<std::int64_t>(k)], lo, hi));
    std::string mask;
    if (test.masks.defined()) mask = save(stem + "-mask.png", image_png(test.masks[row]));
    index += fmt::format(
        "{},{},{},{},{},{},{}\n", row,
        static_cast<std::size_t>(row) < test.source_index.size() ? test.source_index[row] : -1,
        test.is_outlier[row], scores[static_cast<std::int64_t>(k)].item<double>(), sample, map,
        mask);
  }
  write_file_atomically(dir / "examples.csv", index);
}

}  // namespace autood
