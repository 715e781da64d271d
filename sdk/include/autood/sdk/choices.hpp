#pragma once
// What a plugin registers: one description per choice, with a factory. This header is light on
// purpose (no LibTorch), so that the host's registry and search space compile quickly.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "autood/sdk/shape.hpp"
#include "autood/sdk/value.hpp"

namespace autood::sdk {

class Logger;
class Hypothesis;
class Distance;
class LayerOp;
class Controller;
class DatasetLoader;

enum class Kind { Hypothesis, Distance, Layer, Controller, Dataset };

// The place a layer op takes in the cell f(x) = ACT(NORM(POOL(TRANSFORM(x)))).
enum class Role { Transform, Pool, Norm, Activation };

// A per-layer decision that an op adds, such as a convolution's kernel size.
struct OpDecision {
  std::string name;
  std::vector<std::int64_t> options;
  std::string help;
};

// The values chosen for an op's decisions, keyed by decision name.
using OpArgs = std::vector<std::pair<std::string, std::int64_t>>;

struct HypothesisContext {
  std::int64_t latent_dim = 0;
  Params params;
  Logger* log = nullptr;
};

struct ControllerContext {
  // The controller sees only how many options each decision has, never what they mean.
  std::vector<std::int64_t> option_counts;
  std::uint64_t seed = 0;
  Params params;
  Logger* log = nullptr;
};

struct HypothesisChoice {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  std::function<std::shared_ptr<Hypothesis>(const HypothesisContext&)> create;
};

struct DistanceChoice {
  std::string name;
  std::string summary;
  std::vector<int> ranks;  // batch ranks the distance supports: 2 (tabular), 4 (images)
  std::function<std::shared_ptr<Distance>()> create;
};

struct LayerOpChoice {
  std::string name;
  std::string summary;
  Role role = Role::Transform;
  std::vector<int> ranks;
  std::vector<OpDecision> decisions;
  std::function<std::shared_ptr<LayerOp>(const OpArgs&)> create;
};

struct ControllerChoice {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  std::function<std::shared_ptr<Controller>(const ControllerContext&)> create;
};

struct DatasetChoice {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  std::function<std::shared_ptr<DatasetLoader>()> create;
};

AUTOOD_SDK_API const char* to_string(Kind kind);
AUTOOD_SDK_API const char* to_string(Role role);

}  // namespace autood::sdk
