#include "model/Child.hpp"

#include <torch/torch.h>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"
#include "model/ModelBuilder.hpp"

namespace autood {

Child make_child(const ModelSpec& spec, const Registry& registry, const sdk::Shape& input,
                 const HypothesisConfig& options, sdk::Logger& log) {
  Child child;
  child.spec = spec;
  child.model = build_child(spec, registry, input);
  const auto& hypothesis = registry.get<sdk::HypothesisChoice>(spec.hypothesis);
  sdk::HypothesisContext context;
  context.latent_dim = child.model->latent_shape().numel();
  auto raw = options.options.find(spec.hypothesis);
  context.params =
      resolve_options(hypothesis.params, raw == options.options.end() ? RawOptions{} : raw->second,
                      "hypothesis." + spec.hypothesis);
  context.log = &log;
  child.hypothesis_uses_labels = hypothesis.uses_labels;
  try {
    child.hypothesis = hypothesis.create(context);
    child.distance = registry.get<sdk::DistanceChoice>(spec.distance).create();
  } catch (const sdk::Rejected&) {
    throw;
  } catch (const std::exception& error) {
    throw sdk::Rejected(std::string("cannot create the hypothesis or distance: ") + error.what());
  }
  if (!child.hypothesis || !child.distance)
    throw sdk::Rejected("a plugin factory returned nothing for " + spec.hypothesis + " / " +
                        spec.distance);
  return child;
}

}  // namespace autood
