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
class AnomalyGenerator;

// The plugin kinds, written once: each row names the kind's enumerator, the description a plugin
// registers for it, and the word users see. The enum, the names, the Registrar's add() overloads
// and the host's tables are all made from this list, so a new kind is one row here (and its
// folder name in cmake/AutoODPlugin.cmake).
#define AUTOOD_PLUGIN_KINDS(X)                  \
  X(Hypothesis, HypothesisChoice, "hypothesis") \
  X(Distance, DistanceChoice, "distance")       \
  X(Layer, LayerOpChoice, "layer")              \
  X(Controller, ControllerChoice, "controller") \
  X(Dataset, DatasetChoice, "dataset")          \
  X(Generator, GeneratorChoice, "generator")

#define AUTOOD_KIND_ENUMERATOR(kind, Choice, word) kind,
enum class Kind { AUTOOD_PLUGIN_KINDS(AUTOOD_KIND_ENUMERATOR) };
#undef AUTOOD_KIND_ENUMERATOR

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
  // A hypothesis that learns from labelled outliers (Encoded::label) joins the search space only
  // when the training split holds some, and then sees them in its training batches. Any other
  // hypothesis never sees a labelled outlier: the host leaves them out of its terms.
  bool uses_labels = false;
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

struct GeneratorChoice {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  std::vector<int> ranks;  // sample batch ranks it can change: 2 (tables), 4 (images)
  std::function<std::shared_ptr<AnomalyGenerator>()> create;
};

// The kind a description belongs to: KindOf<DistanceChoice>::value is Kind::Distance.
template <typename Choice>
struct KindOf;
#define AUTOOD_KIND_OF(kind_, Choice, word)    \
  template <>                                  \
  struct KindOf<Choice> {                      \
    static constexpr Kind value = Kind::kind_; \
  };
AUTOOD_PLUGIN_KINDS(AUTOOD_KIND_OF)
#undef AUTOOD_KIND_OF

AUTOOD_SDK_API const char* to_string(Kind kind);
AUTOOD_SDK_API const char* to_string(Role role);

}  // namespace autood::sdk
