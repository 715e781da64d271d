#pragma once
// What a model folder's model.toml says, read and checked without building anything: the facts,
// the input shape, the architecture, the plugins it needs, an ensemble's members, and the
// SHA-256 of every file the model is made of. Plain data, without LibTorch, so that `autood
// score` can compare the shape with the data before it builds a model, and so that
// tests/fuzz/fuzz_model can take the reader alone.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "autood/sdk/log.hpp"
#include "autood/sdk/shape.hpp"
#include "metrics/Metrics.hpp"
#include "model/Ensemble.hpp"
#include "space/ModelSpec.hpp"

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
  std::int64_t epochs = 0;  // what it was trained for; 0 when unknown
  bool final = false;       // trained again after the search (final.top_k), not a search child
};

struct EnsembleMember {
  std::string dir;  // a folder name inside the ensemble's folder
  std::int64_t trial = -1;
  ScoreScale scale;
};

struct ModelManifest {
  std::filesystem::path dir;
  bool ensemble = false;
  ModelFacts facts;
  sdk::Shape input_shape;  // at most 2^28 values per sample, every dimension counted
  double lambda = 0.0;
  bool standardized = false;
  ModelSpec spec;                          // a single model's architecture; empty for an ensemble
  std::vector<PluginRequirement> plugins;  // [[requires]]
  std::vector<EnsembleMember> members;
  // SHA-256 (hex) of each file, by its path relative to the folder. Empty in a model that an
  // earlier autood wrote: its files are then not verified (read_model_manifest warns).
  std::map<std::string, std::string> checksums;
};

constexpr std::int64_t kModelFormat = 1;

// Parses model.toml's text. Throws sdk::InputError naming `file` and the key or position. Every
// path it returns (member folders, checksummed files) is relative and stays inside the folder.
ModelManifest parse_model_manifest(std::string_view text, const std::filesystem::path& file);

// Reads DIR/model.toml and checks every file its [checksums] lists against its SHA-256. Throws
// sdk::InputError naming the file that is missing or differs, with both digests.
ModelManifest read_model_manifest(const std::filesystem::path& dir, sdk::Logger& log);

// The [checksums] table of model.toml for these files (path relative to the folder -> SHA-256).
std::string checksums_toml(const std::map<std::string, std::string>& checksums);

}  // namespace autood
