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
std::optional<StagingFault> fault_in(const std::vector<Choice>& staged, const Registry& registry) {
  constexpr sdk::Kind kind = sdk::KindOf<Choice>::value;
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

}  // namespace

std::optional<StagingFault> StagingRegistrar::first_fault() const {
  std::optional<StagingFault> first;
  staged_.for_each([&](const auto& staged) {
    if (!first) first = fault_in(staged, registry_);
  });
  return first;
}

std::string StagingRegistrar::summary() const {
  std::string text;
  staged_.for_each([&](const auto& staged) {
    for (const auto& choice : staged)
      text += (text.empty() ? "" : ", ") +
              std::string(sdk::to_string(sdk::KindOf<std::decay_t<decltype(choice)>>::value)) +
              " " + choice.name;
  });
  return text.empty() ? "registered nothing" : text;
}

void StagingRegistrar::commit(Registry& registry, const Provenance& from) {
  staged_.for_each([&](auto& staged) {
    for (auto& choice : staged) registry.add(std::move(choice), from);
  });
}

}  // namespace autood
