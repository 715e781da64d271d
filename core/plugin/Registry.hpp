#pragma once
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"
#include "plugin/ChoiceTable.hpp"
#include "plugin/PerKind.hpp"

namespace autood {

// Every choice that loaded plugins registered: one ChoiceTable per kind. It holds descriptions and
// factories only; the libraries behind them stay loaded for the whole process.
//   registry.get<sdk::DistanceChoice>("l2").create()
//   for (const auto& [name, entry] : registry.table<sdk::LayerOpChoice>().entries()) ...
class Registry {
 public:
  template <typename Choice>
  const ChoiceTable<Choice>& table() const {
    return tables_.of<Choice>();
  }

  // The registered choice, or an InputError naming the valid names.
  template <typename Choice>
  const Choice& get(const std::string& name) const {
    return table<Choice>().get(name);
  }

  // Throws InputError if the name is taken.
  template <typename Choice>
  void add(Choice choice, const Provenance& from) {
    tables_.of<Choice>().add(std::move(choice), from);
  }

  bool contains(sdk::Kind kind, const std::string& name) const;
  std::vector<std::string> names(sdk::Kind kind) const;
  const Provenance* provenance(sdk::Kind kind, const std::string& name) const;  // or null
  std::vector<Provenance> plugins() const;  // one per plugin that registered anything

 private:
  PerKind<ChoiceTable> tables_;
};

}  // namespace autood
