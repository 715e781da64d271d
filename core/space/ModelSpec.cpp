#include "space/ModelSpec.hpp"

namespace autood {
namespace {

std::string describe(const OpSpec& op) {
  if (op.op.empty()) return "identity";
  std::string text = op.op;
  if (op.args.empty()) return text;
  text += "(";
  for (std::size_t i = 0; i < op.args.size(); ++i)
    text += (i ? "," : "") + op.args[i].first + "=" + std::to_string(op.args[i].second);
  return text + ")";
}

void append_toml(std::string& text, const char* role, const OpSpec& op) {
  text += std::string(role) + " = \"" + op.op + "\"\n";
  for (const auto& [name, value] : op.args)
    text += std::string(role) + "_" + name + " = " + std::to_string(value) + "\n";
}

}  // namespace

std::string describe(const ModelSpec& spec) {
  std::string text = spec.hypothesis + " / " + spec.distance;
  for (const auto& layer : spec.layers) {
    text += " | " + describe(layer.transform) + " " + describe(layer.pool) + " " +
            describe(layer.norm) + " " + describe(layer.activation);
  }
  return text;
}

std::string to_toml(const ModelSpec& spec) {
  std::string text = "hypothesis = \"" + spec.hypothesis + "\"\n";
  text += "distance = \"" + spec.distance + "\"\n";
  for (const auto& layer : spec.layers) {
    text += "\n[[layers]]\n";
    append_toml(text, "transform", layer.transform);
    append_toml(text, "pool", layer.pool);
    append_toml(text, "norm", layer.norm);
    append_toml(text, "activation", layer.activation);
  }
  return text;
}

}  // namespace autood
