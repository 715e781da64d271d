#pragma once
// A self-contained model: everything `autood score` needs to apply a trained child to new data,
// and nothing it has to take from the search that made it.
//   model.toml    the architecture, input shape, distance, lambda, threshold, the plugins it
//                 needs by name and version, and where it came from
//   config.toml   the search's resolved config (hypothesis options, the data source and protocol)
//   weights.pt    the autoencoder, the hypothesis state (centres, radius, GMM) and, for tables,
//                 the standardisation statistics
//   scores.csv    the scores the search computed on its validation and test samples
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "autood/sdk/log.hpp"
#include "autood/sdk/shape.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "metrics/Metrics.hpp"
#include "model/Child.hpp"
#include "plugin/Registry.hpp"

namespace autood {

// A plugin the model cannot be rebuilt without.
struct PluginRequirement {
  std::string kind;    // hypothesis, distance or layer
  std::string name;    // the choice, such as "conv"
  std::string plugin;  // the plugin that registered it, and its version
  std::string version;
};

struct ModelFacts {
  std::int64_t trial = -1;  // 0-based trial of the search that trained it
  double reward = 0.0;
  DetectionMetrics test;
  std::string data_description;
  double threshold = std::nan("");  // score > threshold means outlier; NaN when unknown
  double threshold_fpr = 0.05;
};

// The scores a search computed for one labelled set, with each sample's index in the source.
struct ScoredSet {
  std::string name;  // "validation" or "test"
  const LabelledSet* set = nullptr;
  const std::vector<double>* scores = nullptr;
};

// Writes the bundle into `dir`, which must not exist yet.
void write_model_bundle(const std::filesystem::path& dir, const Child& child, const Config& config,
                        const Registry& registry, const DataSplits& data, const ModelFacts& facts,
                        const std::vector<ScoredSet>& scored);

// The threshold at a false-positive rate: the smallest score that at most `fpr` of the inliers'
// validation scores exceed.
double threshold_at_fpr(const std::vector<double>& scores, const std::vector<int>& is_outlier,
                        double fpr);

struct LoadedModel {
  std::filesystem::path dir;
  Child child;
  Config config;
  ModelFacts facts;
  sdk::Shape input_shape;
  at::Tensor feature_mean, feature_std;  // undefined unless the model standardises tables
};

// Reads a bundle and rebuilds its child from the loaded plugins. Throws sdk::InputError naming
// the file, or every missing plugin and version mismatch.
LoadedModel read_model_bundle(const std::filesystem::path& dir, const Registry& registry,
                              sdk::Logger& log);

// Moves the model to the device its config names (train.device) and returns that device.
c10::Device place_on_device(LoadedModel& model);

}  // namespace autood
