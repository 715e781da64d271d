#pragma once
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"

namespace autood {

// One op of a cell with its decisions fixed. An empty name means the role is the identity
// (no op of that role is loaded for this data).
struct OpSpec {
  std::string op;
  sdk::OpArgs args;
};

// One encoder layer, f(x) = ACT(NORM(POOL(TRANSFORM(x)))); the decoder mirrors it.
struct LayerSpec {
  OpSpec transform;
  OpSpec pool;
  OpSpec norm;
  OpSpec activation;
};

// A point of the search space, decoded into names and values: plain data, easy to store.
struct ModelSpec {
  std::string hypothesis;
  std::string distance;
  std::vector<LayerSpec> layers;
};

// "cluster / l2 | conv(channels=16,kernel=3) avg_pool(kernel=1) no_norm relu | ..."
std::string describe(const ModelSpec& spec);

// The architecture as TOML, for the run folder and for `autood score`.
std::string to_toml(const ModelSpec& spec);

}  // namespace autood
