#include "plugin/Registry.hpp"

#include <map>

namespace autood {

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "(none loaded)" : text;
}

std::vector<std::string> Registry::names(sdk::Kind kind) const {
  std::vector<std::string> list;
  tables_.for_each([&](const auto& table) {
    if (table.kind == kind) list = table.names();
  });
  return list;
}

bool Registry::contains(sdk::Kind kind, const std::string& name) const {
  return provenance(kind, name) != nullptr;
}

const Provenance* Registry::provenance(sdk::Kind kind, const std::string& name) const {
  const Provenance* from = nullptr;
  tables_.for_each([&](const auto& table) {
    if (table.kind == kind && table.contains(name)) from = &table.entries().at(name).from;
  });
  return from;
}

std::vector<Provenance> Registry::plugins() const {
  std::map<std::string, Provenance> by_path;
  tables_.for_each([&](const auto& table) {
    for (const auto& entry : table.entries()) by_path[entry.second.from.path] = entry.second.from;
  });
  std::vector<Provenance> list;
  for (auto& entry : by_path) list.push_back(entry.second);
  return list;
}

}  // namespace autood
