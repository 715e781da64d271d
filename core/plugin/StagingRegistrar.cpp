#include "plugin/StagingRegistrar.hpp"

#include <set>

namespace autood {
namespace {

template <typename Choice>
std::optional<std::string> clash_in(const std::vector<Choice>& staged, const Registry& registry,
                                    sdk::Kind kind) {
  std::set<std::string> seen;
  for (const auto& choice : staged) {
    std::string label = std::string(sdk::to_string(kind)) + " '" + choice.name + "'";
    if (choice.name.empty()) return std::string(sdk::to_string(kind)) + " with an empty name";
    if (!choice.create) return label + " without a factory";
    if (registry.contains(kind, choice.name) || !seen.insert(choice.name).second) return label;
  }
  return std::nullopt;
}

template <typename Choice>
void describe(const std::vector<Choice>& staged, sdk::Kind kind, std::string& text) {
  for (const auto& choice : staged)
    text += (text.empty() ? "" : ", ") + std::string(sdk::to_string(kind)) + " " + choice.name;
}

}  // namespace

std::optional<std::string> StagingRegistrar::first_clash() const {
  if (auto c = clash_in(hypotheses_, registry_, sdk::Kind::Hypothesis)) return c;
  if (auto c = clash_in(distances_, registry_, sdk::Kind::Distance)) return c;
  if (auto c = clash_in(layers_, registry_, sdk::Kind::Layer)) return c;
  if (auto c = clash_in(controllers_, registry_, sdk::Kind::Controller)) return c;
  return clash_in(datasets_, registry_, sdk::Kind::Dataset);
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
