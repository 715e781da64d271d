#pragma once
// A trained child's weights and hypothesis state as bytes, and back: how a worker rank hands
// the model it trained to rank 0, which saves it.
#include <string>

#include "model/Child.hpp"

namespace torch::serialize {
class OutputArchive;
class InputArchive;
}  // namespace torch::serialize

namespace autood {

// The child's autoencoder and hypothesis state under "model" and "hypothesis": the layout of a
// saved model's weights.pt, and of what a worker sends.
void write_child(const Child& child, torch::serialize::OutputArchive& archive);
// Throws std::runtime_error naming a tensor whose shape or dtype differs from the one the
// child's architecture built, or which holds a value that is not finite.
void read_child(Child& child, torch::serialize::InputArchive& archive);

std::string child_weights(const Child& child);

// Whether every parameter and buffer of the child's autoencoder and hypothesis is finite.
bool weights_finite(const Child& child);

// Loads weights from child_weights() into a child built from the same spec. Throws
// std::runtime_error if they do not fit it.
void load_child_weights(Child& child, const std::string& bytes);

}  // namespace autood
