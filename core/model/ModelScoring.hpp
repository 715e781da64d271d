#pragma once
// Applies a saved model to new data that a dataset plugin loads: the same standardisation, the
// same score as the search computed.
#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <vector>

#include "autood/sdk/log.hpp"
#include "model/ModelBundle.hpp"
#include "plugin/Registry.hpp"

namespace autood {

struct ScoreInput {
  std::string input;  // the loader's file or folder option ("path" or "images"); empty: the model's
                      // own source
  std::string loader;  // a dataset plugin; empty: the loader the model was searched with
  std::vector<std::string> options;  // more loader options, key=value read as TOML
};

// The samples to score, as a dataset plugin loaded them, checked against the model's input shape.
struct ScoringData {
  at::Tensor samples, labels;  // labels undefined when the data has none
  std::string description;
};

// Loads the data with the model folder's saved config (or the loader ScoreInput names) and
// refuses data whose sample shape is not `input_shape`. `autood score` calls it before it builds
// the model: a model folder may claim any shape, and only the data's is real.
ScoringData load_scoring_data(const std::filesystem::path& model_dir, const sdk::Shape& input_shape,
                              const Registry& registry, const ScoreInput& input, sdk::Logger& log);

struct ScoredSamples {
  std::vector<double> scores;
  std::vector<std::int64_t> labels;  // empty when the data has none
  std::vector<int> is_outlier;       // one-class models: from the normal classes; else empty
  std::string description;
  at::Tensor samples;  // as scored: standardised where the model standardises
};

// The samples as the model takes them: floats, standardised where the model standardises tables.
at::Tensor prepare_samples(const LoadedModel& model, const at::Tensor& samples);

// Scores the data. Throws sdk::InputError naming the first sample whose score is not finite.
ScoredSamples score_with_model(LoadedModel& model, const ScoringData& data);
// load_scoring_data, then score_with_model.
ScoredSamples score_with_model(LoadedModel& model, const Registry& registry,
                               const ScoreInput& input, sdk::Logger& log);

}  // namespace autood
