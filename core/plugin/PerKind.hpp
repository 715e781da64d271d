#pragma once
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "autood/sdk/choices.hpp"

namespace autood {

// One Slot<Choice> for every plugin kind in AUTOOD_PLUGIN_KINDS, so that the registry's tables and
// the staging registrar's lists are declared, visited and looked up the same way for every kind.
template <template <typename> class Slot>
class PerKind {
 public:
  template <typename Choice>
  Slot<Choice>& of() {
    return std::get<Slot<Choice>>(slots_);
  }
  template <typename Choice>
  const Slot<Choice>& of() const {
    return std::get<Slot<Choice>>(slots_);
  }

  // Calls visit(slot) for each kind, in the order of AUTOOD_PLUGIN_KINDS.
  template <typename Visit>
  void for_each(Visit&& visit) {
    std::apply([&](auto&... slot) { (visit(slot), ...); }, slots_);
  }
  template <typename Visit>
  void for_each(Visit&& visit) const {
    std::apply([&](const auto&... slot) { (visit(slot), ...); }, slots_);
  }

 private:
  // The leading void absorbs the comma that each row of the list expands to.
  template <typename Ignored, typename... Choices>
  struct Tuple {
    using type = std::tuple<Slot<Choices>...>;
  };
#define AUTOOD_SLOT_TYPE(kind, Choice, word) , sdk::Choice
  typename Tuple<void AUTOOD_PLUGIN_KINDS(AUTOOD_SLOT_TYPE)>::type slots_;
#undef AUTOOD_SLOT_TYPE
};

// Every kind, in the order of AUTOOD_PLUGIN_KINDS.
#define AUTOOD_KIND_VALUE(kind, Choice, word) sdk::Kind::kind,
inline constexpr sdk::Kind kAllKinds[] = {AUTOOD_PLUGIN_KINDS(AUTOOD_KIND_VALUE)};
#undef AUTOOD_KIND_VALUE

// The kind users call `word` ("hypothesis", "layer", ...), or none.
inline std::optional<sdk::Kind> kind_named(const std::string& word) {
  for (auto kind : kAllKinds)
    if (word == sdk::to_string(kind)) return kind;
  return std::nullopt;
}

}  // namespace autood
