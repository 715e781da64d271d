#pragma once
#include <map>
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"
#include "autood/sdk/errors.hpp"

namespace autood {

// Where a registered choice came from, so that runs can record every plugin's name and version.
struct Provenance {
  std::string plugin;
  std::string version;
  std::string path;
  std::string pack;  // the pack it came with, or ""
};

template <typename Choice>
struct Registered {
  Choice choice;
  Provenance from;
};

std::string join_names(const std::vector<std::string>& names);  // "a, b" or "(none loaded)"

// The registered choices of one kind, by name. The same table serves every kind.
template <typename Choice>
class ChoiceTable {
 public:
  static constexpr sdk::Kind kind = sdk::KindOf<Choice>::value;
  using Entries = std::map<std::string, Registered<Choice>>;

  const Entries& entries() const { return entries_; }
  bool contains(const std::string& name) const { return entries_.count(name) > 0; }

  std::vector<std::string> names() const {
    std::vector<std::string> list;
    for (const auto& entry : entries_) list.push_back(entry.first);
    return list;
  }

  // The registered choice, or an InputError naming the valid names.
  const Choice& get(const std::string& name) const {
    auto found = entries_.find(name);
    if (found == entries_.end())
      throw sdk::InputError("unknown " + std::string(sdk::to_string(kind)) + " '" + name +
                            "'; loaded: " + join_names(names()));
    return found->second.choice;
  }

  void add(Choice choice, const Provenance& from) {
    std::string name = choice.name;
    if (contains(name))
      throw sdk::InputError(std::string(sdk::to_string(kind)) + " '" + name +
                            "' is already registered");
    entries_.emplace(std::move(name), Registered<Choice>{std::move(choice), from});
  }

 private:
  Entries entries_;
};

}  // namespace autood
