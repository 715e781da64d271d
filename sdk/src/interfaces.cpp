// The out-of-line destructors are the key functions that pin each interface's vtable and
// typeinfo to this library, so that plugins and the host agree on one copy.
#include "autood/sdk/controller.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/generator.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/log.hpp"
#include "autood/sdk/registrar.hpp"

namespace autood::sdk {

Rejected::~Rejected() = default;
InputError::~InputError() = default;
Logger::~Logger() = default;
Registrar::~Registrar() = default;
Block::~Block() = default;
LayerOp::~LayerOp() = default;
Hypothesis::~Hypothesis() = default;
Distance::~Distance() = default;
Controller::~Controller() = default;
DatasetLoader::~DatasetLoader() = default;
AnomalyGenerator::~AnomalyGenerator() = default;

std::int64_t arg(const OpArgs& args, const std::string& name) {
  for (const auto& [key, value] : args)
    if (key == name) return value;
  throw Rejected("the op needs a value for decision '" + name + "'");
}

std::string to_string(const Shape& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.dims.size(); ++i)
    text += (i ? "x" : "") + std::to_string(shape.dims[i]);
  return text + "]";
}

const char* to_string(Kind kind) {
  switch (kind) {
#define AUTOOD_KIND_WORD(kind_, Choice, word) \
  case Kind::kind_:                           \
    return word;
    AUTOOD_PLUGIN_KINDS(AUTOOD_KIND_WORD)
#undef AUTOOD_KIND_WORD
  }
  return "?";
}

const char* to_string(Role role) {
  switch (role) {
    case Role::Transform:
      return "transform";
    case Role::Pool:
      return "pool";
    case Role::Norm:
      return "norm";
    case Role::Activation:
      return "activation";
  }
  return "?";
}

}  // namespace autood::sdk
