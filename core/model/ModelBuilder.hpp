#pragma once
#include <memory>

#include "autood/sdk/shape.hpp"
#include "model/ChildModel.hpp"
#include "plugin/Registry.hpp"
#include "space/ModelSpec.hpp"

namespace autood {

// Builds the autoencoder of a ModelSpec by the shape rules of SPEC section 2, then runs a tiny
// batch through it. Anything that cannot be built or run throws sdk::Rejected with the reason,
// before any training time is spent.
std::shared_ptr<ChildModel> build_child(const ModelSpec& spec, const Registry& registry,
                                        const sdk::Shape& input);

}  // namespace autood
