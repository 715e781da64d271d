#pragma once
// A self-contained model: everything `autood score` needs to apply a trained child to new data,
// and nothing it has to take from the search that made it.
//   model.toml    the architecture, input shape, distance, lambda, threshold, the plugins it
//                 needs by name and version, and where it came from
//   config.toml   the search's resolved config (hypothesis options, the data source and protocol)
//   weights.pt    the autoencoder, the hypothesis state (centres, radius, GMM) and, for tables,
//                 the standardisation statistics
//   scores.csv    the scores the search computed on its validation and test samples
// model.toml is written last and records the SHA-256 of the other three ([checksums]), which
// every reader checks first.
// An ensemble (final.ensemble = K) is a folder of K such bundles, member-1/ ... member-K/, beside
// its own model.toml (kind = "ensemble", each member's score scale), config.toml and scores.csv;
// its checksums cover each member's model.toml and weights.pt as well.
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
#include "model/Ensemble.hpp"
#include "model/ModelManifest.hpp"
#include "plugin/Registry.hpp"

namespace autood {

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

// An ensemble of bundles already written (final models), each with the scale of its scores.
struct EnsembleMembers {
  std::vector<std::filesystem::path> bundles;
  std::vector<std::int64_t> trials;  // 0-based
  std::vector<ScoreScale> scales;
};

// Writes an ensemble bundle into `dir`, which must not exist yet: copies of the member bundles
// and the ensemble's own model.toml, config.toml and scores.csv.
void write_ensemble_bundle(const std::filesystem::path& dir, const EnsembleMembers& members,
                           const Config& config, const DataSplits& data, const ModelFacts& facts,
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
  // An ensemble's members and their scales; empty for a single model. An ensemble's `child` is
  // its first member's, for what needs one architecture (its description).
  std::vector<std::shared_ptr<LoadedModel>> members;
  std::vector<ScoreScale> member_scales;
  bool is_ensemble() const { return !members.empty(); }
};

// Rebuilds the model a manifest describes from the loaded plugins, with its weights. Throws
// sdk::InputError naming the file, or every missing plugin and version mismatch.
LoadedModel load_model(const ModelManifest& manifest, const Registry& registry, sdk::Logger& log);

// read_model_manifest (which checks the files' checksums), then load_model.
LoadedModel read_model_bundle(const std::filesystem::path& dir, const Registry& registry,
                              sdk::Logger& log);

// Moves the model (every member of an ensemble) to the device its config names (train.device)
// and returns that device.
c10::Device place_on_device(LoadedModel& model);

// score(x) of every sample, as the search computed it: the child's, or for an ensemble the
// combination of its members' (combine_scores). Doubles on the CPU.
at::Tensor model_scores(LoadedModel& model, const at::Tensor& samples);

}  // namespace autood
