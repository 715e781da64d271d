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

struct ScoredSamples {
  std::vector<double> scores;
  std::vector<std::int64_t> labels;  // empty when the data has none
  std::vector<int> is_outlier;       // one-class models: from the normal classes; else empty
  std::string description;
  at::Tensor samples;  // as scored: standardised where the model standardises
};

ScoredSamples score_with_model(LoadedModel& model, const Registry& registry,
                               const ScoreInput& input, sdk::Logger& log);

}  // namespace autood
