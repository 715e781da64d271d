#pragma once
// A trained child's weights and hypothesis state as bytes, and back: how a worker rank hands
// the model it trained to rank 0, which saves it.
#include <string>

#include "model/Child.hpp"

namespace autood {

std::string child_weights(const Child& child);

// Loads weights from child_weights() into a child built from the same spec. Throws
// std::runtime_error if they do not fit it.
void load_child_weights(Child& child, const std::string& bytes);

}  // namespace autood
