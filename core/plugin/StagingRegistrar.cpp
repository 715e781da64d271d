#include "plugin/StagingRegistrar.hpp"

#include <set>
#include <type_traits>

namespace autood {
namespace {

template <typename Choice, typename = void>
struct has_params : std::false_type {};
template <typename Choice>
struct has_params<Choice, std::void_t<decltype(std::declval<Choice>().params)>> : std::true_type {};

// A declared option whose range is empty or excludes its own default: the plugin's own fault,
// found at load rather than when a user's config is refused for a value the plugin chose.
std::optional<StagingFault> param_fault(const sdk::ParamSpec& spec) {
  if (spec.name.empty()) return StagingFault{LoadStatus::NoName, "an option with an empty name"};
  const std::string label = "option '" + spec.name + "'";
  if (spec.min && spec.max && !(*spec.min <= *spec.max))
    return StagingFault{LoadStatus::BadOption,
                        label + ": min " + sdk::to_string(sdk::Value{*spec.min}) +
                            " is above max " + sdk::to_string(sdk::Value{*spec.max})};
  double number = 0;
  if (const auto* d = std::get_if<double>(&spec.default_value))
    number = *d;
  else if (const auto* i = std::get_if<std::int64_t>(&spec.default_value))
    number = static_cast<double>(*i);
  else
    return std::nullopt;  // arrays and strings: the range applies to what users give
  if ((spec.min && number < *spec.min) || (spec.max && number > *spec.max))
    return StagingFault{LoadStatus::BadOption, label + ": the default " +
                                                   sdk::to_string(spec.default_value) +
                                                   " is outside the option's own range"};
  return std::nullopt;
}

template <typename Choice>
std::optional<StagingFault> fault_in(const std::vector<Choice>& staged, const Registry& registry,
                                     sdk::Kind kind) {
  std::set<std::string> seen;
  for (const auto& choice : staged) {
    const std::string label = std::string(sdk::to_string(kind)) + " '" + choice.name + "'";
    if (choice.name.empty())
      return StagingFault{LoadStatus::NoName,
                          std::string(sdk::to_string(kind)) + " with an empty name"};
    if (!choice.create) return StagingFault{LoadStatus::NoFactory, label + " has no factory"};
    if constexpr (has_params<Choice>::value) {
      for (const auto& spec : choice.params)
        if (auto fault = param_fault(spec))
          return StagingFault{fault->status, label + ": " + fault->message};
    }
    if (registry.contains(kind, choice.name) || !seen.insert(choice.name).second)
      return StagingFault{LoadStatus::Duplicate, label + " is already registered"};
  }
  return std::nullopt;
}

template <typename Choice>
void describe(const std::vector<Choice>& staged, sdk::Kind kind, std::string& text) {
  for (const auto& choice : staged)
    text += (text.empty() ? "" : ", ") + std::string(sdk::to_string(kind)) + " " + choice.name;
}

}  // namespace

std::optional<StagingFault> StagingRegistrar::first_fault() const {
  if (auto f = fault_in(hypotheses_, registry_, sdk::Kind::Hypothesis)) return f;
  if (auto f = fault_in(distances_, registry_, sdk::Kind::Distance)) return f;
  if (auto f = fault_in(layers_, registry_, sdk::Kind::Layer)) return f;
  if (auto f = fault_in(controllers_, registry_, sdk::Kind::Controller)) return f;
  return fault_in(datasets_, registry_, sdk::Kind::Dataset);
}

std::string StagingRegistrar::summary() const {
  std::string text;
  describe(hypotheses_, sdk::Kind::Hypothesis, text);
  describe(distances_, sdk::Kind::Distance, text);
  describe(layers_, sdk::Kind::Layer, text);
  describe(controllers_, sdk::Kind::Controller, text);
  describe(datasets_, sdk::Kind::Dataset, text);
  return text.empty() ? "registered nothing" : text;
}

void StagingRegistrar::commit(Registry& registry, const Provenance& from) {
  for (auto& c : hypotheses_) registry.add(std::move(c), from);
  for (auto& c : distances_) registry.add(std::move(c), from);
  for (auto& c : layers_) registry.add(std::move(c), from);
  for (auto& c : controllers_) registry.add(std::move(c), from);
  for (auto& c : datasets_) registry.add(std::move(c), from);
}

}  // namespace autood
