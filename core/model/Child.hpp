#pragma once
#include <memory>

#include "autood/sdk/log.hpp"
#include "autood/sdk/shape.hpp"
#include "config/Config.hpp"
#include "plugin/Registry.hpp"
#include "space/ModelSpec.hpp"

// Only pointers here, so that code that passes children around does not parse LibTorch.
namespace autood::sdk {
class Hypothesis;
class Distance;
}  // namespace autood::sdk

namespace autood {

class ChildModel;

// Everything one child needs to train and score: its autoencoder, its outlier definition and
// its reconstruction distance.
struct Child {
  ModelSpec spec;
  std::shared_ptr<ChildModel> model;
  std::shared_ptr<sdk::Hypothesis> hypothesis;
  std::shared_ptr<sdk::Distance> distance;
  // The hypothesis learns from labelled outliers; any other never sees them (HypothesisChoice).
  bool hypothesis_uses_labels = false;
};

// Builds a child; throws sdk::Rejected if the spec cannot be built for this input.
// `options` holds [hypothesis.<name>] tables from the config.
Child make_child(const ModelSpec& spec, const Registry& registry, const sdk::Shape& input,
                 const HypothesisConfig& options, sdk::Logger& log);

}  // namespace autood
