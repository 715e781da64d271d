#include "space/SearchSpace.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "autood/sdk/errors.hpp"

namespace autood {
namespace {

constexpr sdk::Role kRoles[] = {sdk::Role::Transform, sdk::Role::Pool, sdk::Role::Norm,
                                sdk::Role::Activation};

bool fits(const std::vector<int>& ranks, int rank) {
  return ranks.empty() || std::find(ranks.begin(), ranks.end(), rank) != ranks.end();
}

OpSpec& slot(LayerSpec& layer, sdk::Role role) {
  switch (role) {
    case sdk::Role::Transform:
      return layer.transform;
    case sdk::Role::Pool:
      return layer.pool;
    case sdk::Role::Norm:
      return layer.norm;
    case sdk::Role::Activation:
      return layer.activation;
  }
  return layer.transform;
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// The options of one op decision after the config's narrowing, checked to be a subset.
std::vector<std::int64_t> narrowed(const sdk::LayerOpChoice& op, const sdk::OpDecision& decision,
                                   const SpaceConfig& config) {
  auto for_op = config.narrow.find(op.name);
  if (for_op == config.narrow.end()) return decision.options;
  auto wanted = for_op->second.find(decision.name);
  if (wanted == for_op->second.end()) return decision.options;
  const auto* values = std::get_if<std::vector<std::int64_t>>(&wanted->second.value);
  std::string key = "space." + op.name + "." + decision.name;
  std::string valid;
  for (auto v : decision.options) valid += (valid.empty() ? "" : ", ") + std::to_string(v);
  if (values == nullptr || values->empty())
    throw sdk::InputError(wanted->second.where + ": '" + key +
                          "' must be a non-empty array of integers");
  for (auto v : *values)
    if (std::find(decision.options.begin(), decision.options.end(), v) == decision.options.end())
      throw sdk::InputError(wanted->second.where + ": '" + key + "' has " + std::to_string(v) +
                            "; valid options: " + valid);
  return *values;
}

// Every [space.<op>] names a loaded op and its decisions.
void check_narrowing(const Registry& registry, const SpaceConfig& config) {
  for (const auto& [op, decisions] : config.narrow) {
    const auto& layers = registry.table<sdk::LayerOpChoice>();
    if (!layers.contains(op))
      throw sdk::InputError("[space." + op + "]: no layer op '" + op +
                            "' is loaded; loaded: " + join(layers.names()));
    for (const auto& [name, raw] : decisions) {
      const auto& declared = layers.get(op).decisions;
      std::vector<std::string> names;
      for (const auto& d : declared) names.push_back(d.name);
      if (std::find(names.begin(), names.end(), name) == names.end())
        throw sdk::InputError(
            raw.where + ": unknown key 'space." + op + "." + name +
            "'; valid keys: " + (names.empty() ? std::string("(none)") : join(names)));
    }
  }
}

}  // namespace

void SearchSpace::add_global(Decision::Type type, const std::string& name,
                             std::vector<std::string> options) {
  if (options.empty())
    throw sdk::InputError("no " + name + " plugin fits this data; load one with --plugin-path");
  Decision decision;
  decision.name = name;
  decision.type = type;
  decision.options = std::move(options);
  decisions_.push_back(std::move(decision));
}

void SearchSpace::add_layer_role(const Registry& registry, int layer, sdk::Role role,
                                 const SpaceConfig& narrow) {
  const int rank = input_.batch_rank();
  std::vector<std::string> ops;  // the registry's map is ordered, so names come sorted
  std::map<std::string, std::set<std::int64_t>> values;
  for (const auto& [name, entry] : registry.table<sdk::LayerOpChoice>().entries()) {
    const auto& choice = entry.choice;
    if (choice.role != role || !fits(choice.ranks, rank)) continue;
    ops.push_back(name);
    for (const auto& decision : choice.decisions) {
      auto options = narrowed(choice, decision, narrow);
      values[decision.name].insert(options.begin(), options.end());
    }
  }
  std::string prefix = "layer" + std::to_string(layer + 1) + "." + sdk::to_string(role);
  if (ops.empty()) {
    if (role == sdk::Role::Transform)
      throw sdk::InputError("no transform op (such as conv or dense) fits data of rank " +
                            std::to_string(rank));
    return;  // a role with no op is the identity
  }
  Decision op;
  op.name = prefix;
  op.type = Decision::Type::Op;
  op.layer = layer;
  op.role = role;
  op.options = ops;
  decisions_.push_back(op);
  // Ops of one role that share a decision name share the decision, as max and average pooling
  // share the pooling kernel in the paper; the options are the union.
  for (const auto& [name, set] : values) {
    Decision value;
    value.name = prefix + "." + name;
    value.type = Decision::Type::OpValue;
    value.layer = layer;
    value.role = role;
    value.value_name = name;
    value.values.assign(set.begin(), set.end());
    for (auto v : value.values) value.options.push_back(std::to_string(v));
    decisions_.push_back(std::move(value));
  }
}

SearchSpace SearchSpace::assemble(const Registry& registry, const sdk::Shape& input, int layers,
                                  const SpaceConfig& narrow, bool labelled_training) {
  if (layers < 1) throw sdk::InputError("search.layers must be at least 1");
  check_narrowing(registry, narrow);
  SearchSpace space;
  space.input_ = input;
  space.layers_ = layers;
  std::vector<std::string> hypotheses, need_labels;
  for (const auto& [name, entry] : registry.table<sdk::HypothesisChoice>().entries())
    (labelled_training || !entry.choice.uses_labels ? hypotheses : need_labels).push_back(name);
  if (hypotheses.empty() && !need_labels.empty())
    throw sdk::InputError("the loaded hypotheses (" + join(need_labels) +
                          ") learn from labelled outliers, and the training split has none: set "
                          "data.train_outliers, or load another hypothesis");
  space.add_global(Decision::Type::Hypothesis, "hypothesis", hypotheses);
  std::vector<std::string> distances;
  for (const auto& [name, entry] : registry.table<sdk::DistanceChoice>().entries())
    if (fits(entry.choice.ranks, input.batch_rank())) distances.push_back(name);
  space.add_global(Decision::Type::Distance, "distance", distances);
  for (int layer = 0; layer < layers; ++layer)
    for (sdk::Role role : kRoles) space.add_layer_role(registry, layer, role, narrow);
  return space;
}

std::vector<std::int64_t> SearchSpace::option_counts() const {
  std::vector<std::int64_t> counts;
  for (const auto& decision : decisions_)
    if (decision.free()) counts.push_back(static_cast<std::int64_t>(decision.options.size()));
  return counts;
}

ModelSpec SearchSpace::decode(const sdk::Architecture& architecture) const {
  auto counts = option_counts();
  if (architecture.size() != counts.size())
    throw sdk::InputError("architecture has " + std::to_string(architecture.size()) +
                          " decisions; this space has " + std::to_string(counts.size()));
  ModelSpec spec;
  spec.layers.resize(static_cast<std::size_t>(layers_));
  std::size_t next = 0;
  for (const auto& decision : decisions_) {
    std::int64_t index = 0;
    if (decision.free()) {
      index = architecture[next++];
      if (index < 0 || index >= static_cast<std::int64_t>(decision.options.size()))
        throw sdk::InputError("option " + std::to_string(index) +
                              " is out of range for decision '" + decision.name + "'");
    }
    const std::string& option = decision.options[static_cast<std::size_t>(index)];
    switch (decision.type) {
      case Decision::Type::Hypothesis:
        spec.hypothesis = option;
        break;
      case Decision::Type::Distance:
        spec.distance = option;
        break;
      case Decision::Type::Op:
        slot(spec.layers[decision.layer], decision.role).op = option;
        break;
      case Decision::Type::OpValue:
        slot(spec.layers[decision.layer], decision.role)
            .args.emplace_back(decision.value_name,
                               decision.values[static_cast<std::size_t>(index)]);
        break;
    }
  }
  return spec;
}

std::vector<std::string> SearchSpace::chosen_options(const sdk::Architecture& architecture) const {
  decode(architecture);  // checks the size and every index
  std::vector<std::string> chosen;
  std::size_t next = 0;
  for (const auto& decision : decisions_)
    chosen.push_back(
        decision.options[decision.free() ? static_cast<std::size_t>(architecture[next++]) : 0]);
  return chosen;
}

std::string SearchSpace::key(const sdk::Architecture& architecture) {
  std::string text;
  for (auto index : architecture) text += (text.empty() ? "" : "-") + std::to_string(index);
  return text;
}

SpaceSize SearchSpace::size() const {
  SpaceSize size;
  for (const auto& decision : decisions_)
    size.multiply(static_cast<std::int64_t>(decision.options.size()));
  return size;
}

}  // namespace autood
