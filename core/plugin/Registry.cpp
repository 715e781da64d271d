#include "plugin/Registry.hpp"

#include <set>

#include "autood/sdk/errors.hpp"

namespace autood {
namespace {

template <typename Map>
std::vector<std::string> keys(const Map& map) {
  std::vector<std::string> names;
  for (const auto& entry : map) names.push_back(entry.first);
  return names;
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "(none loaded)" : text;
}

template <typename Map>
const auto& find(const Map& map, const std::string& name, sdk::Kind kind) {
  auto found = map.find(name);
  if (found == map.end())
    throw sdk::InputError("unknown " + std::string(sdk::to_string(kind)) + " '" + name +
                          "'; loaded: " + join(keys(map)));
  return found->second.choice;
}

template <typename Map, typename Choice>
void insert(Map& map, Choice choice, const Provenance& from, sdk::Kind kind) {
  std::string name = choice.name;
  if (map.count(name))
    throw sdk::InputError(std::string(sdk::to_string(kind)) + " '" + name + "' is already registered");
  map.emplace(name, Registered<Choice>{std::move(choice), from});
}

}  // namespace

const sdk::HypothesisChoice& Registry::hypothesis(const std::string& name) const {
  return find(hypotheses_, name, sdk::Kind::Hypothesis);
}
const sdk::DistanceChoice& Registry::distance(const std::string& name) const {
  return find(distances_, name, sdk::Kind::Distance);
}
const sdk::LayerOpChoice& Registry::layer(const std::string& name) const {
  return find(layers_, name, sdk::Kind::Layer);
}
const sdk::ControllerChoice& Registry::controller(const std::string& name) const {
  return find(controllers_, name, sdk::Kind::Controller);
}
const sdk::DatasetChoice& Registry::dataset(const std::string& name) const {
  return find(datasets_, name, sdk::Kind::Dataset);
}

std::vector<std::string> Registry::names(sdk::Kind kind) const {
  switch (kind) {
    case sdk::Kind::Hypothesis: return keys(hypotheses_);
    case sdk::Kind::Distance: return keys(distances_);
    case sdk::Kind::Layer: return keys(layers_);
    case sdk::Kind::Controller: return keys(controllers_);
    case sdk::Kind::Dataset: return keys(datasets_);
  }
  return {};
}

bool Registry::contains(sdk::Kind kind, const std::string& name) const {
  for (const auto& known : names(kind))
    if (known == name) return true;
  return false;
}

std::vector<Provenance> Registry::plugins() const {
  std::map<std::string, Provenance> by_path;
  auto collect = [&](const auto& map) {
    for (const auto& entry : map) by_path[entry.second.from.path] = entry.second.from;
  };
  collect(hypotheses_);
  collect(distances_);
  collect(layers_);
  collect(controllers_);
  collect(datasets_);
  std::vector<Provenance> list;
  for (auto& entry : by_path) list.push_back(entry.second);
  return list;
}

void Registry::add(sdk::HypothesisChoice c, const Provenance& f) { insert(hypotheses_, std::move(c), f, sdk::Kind::Hypothesis); }
void Registry::add(sdk::DistanceChoice c, const Provenance& f) { insert(distances_, std::move(c), f, sdk::Kind::Distance); }
void Registry::add(sdk::LayerOpChoice c, const Provenance& f) { insert(layers_, std::move(c), f, sdk::Kind::Layer); }
void Registry::add(sdk::ControllerChoice c, const Provenance& f) { insert(controllers_, std::move(c), f, sdk::Kind::Controller); }
void Registry::add(sdk::DatasetChoice c, const Provenance& f) { insert(datasets_, std::move(c), f, sdk::Kind::Dataset); }

}  // namespace autood
