#include "run/RunIdentity.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "autood/sdk/errors.hpp"

namespace autood {
namespace {

// A value as the user would write it: floats by shortest round trip (toml++ writes 17 digits,
// so that a changed split read "was 0.59999999999999998"), arrays item by item.
std::string shown(const toml::node& node) {
  if (const auto number = node.as_floating_point()) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, number->get()).ptr;
    std::string text(buffer, end);
    if (text.find_first_of(".en") == std::string::npos) text += ".0";
    return text;
  }
  if (const auto* array = node.as_array()) {
    std::string text;
    for (const auto& item : *array) text += (text.empty() ? "" : ", ") + shown(item);
    return "[" + text + "]";
  }
  std::ostringstream text;
  node.visit([&](const auto& value) { text << toml::toml_formatter{value}; });
  return text.str();
}

void flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string>& out) {
  for (const auto& [key, node] : table) {
    std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, name, out);
      continue;
    }
    out[name] = shown(node);
  }
}

std::map<std::string, std::string> flat_config(const std::string& text) {
  std::map<std::string, std::string> out;
  try {
    flatten(toml::parse(text), "", out);
  } catch (const toml::parse_error&) {
    out["(config)"] = text;  // compared as a whole when it does not parse
  }
  return out;
}

void diff_config(const std::string& before, const std::string& now,
                 std::vector<std::string>& changes) {
  auto a = flat_config(before), b = flat_config(now);
  for (const auto& [key, value] : a) {
    auto found = b.find(key);
    if (found == b.end())
      changes.push_back("config key " + key + " was " + value + ", now unset");
    else if (found->second != value)
      changes.push_back("config key " + key + " was " + value + ", now " + found->second);
  }
  for (const auto& [key, value] : b)
    if (!a.count(key)) changes.push_back("config key " + key + " is new: " + value);
}

void diff_space(const std::string& before, const std::string& now,
                std::vector<std::string>& changes) {
  auto parse = [](const std::string& text) {
    try {
      return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
      return nlohmann::json::object();
    }
  };
  auto a = parse(before), b = parse(now);
  auto plugins = [](const nlohmann::json& space) {
    std::map<std::string, std::string> out;
    for (const auto& p : space.value("plugins", nlohmann::json::array()))
      out[p.value("name", "")] = p.value("version", "");
    return out;
  };
  auto pa = plugins(a), pb = plugins(b);
  for (const auto& [name, version] : pa) {
    auto found = pb.find(name);
    if (found == pb.end())
      changes.push_back("plugin " + name + " " + version + " is no longer loaded");
    else if (found->second != version)
      changes.push_back("plugin " + name + " was " + version + ", now " + found->second);
  }
  for (const auto& [name, version] : pb)
    if (!pa.count(name)) changes.push_back("plugin " + name + " " + version + " is new");
  auto decisions = [](const nlohmann::json& space) {
    std::map<std::string, std::string> out;
    for (const auto& d : space.value("decisions", nlohmann::json::array()))
      out[d.value("name", "")] = d.value("options", nlohmann::json::array()).dump();
    return out;
  };
  auto da = decisions(a), db = decisions(b);
  for (const auto& [name, options] : da) {
    auto found = db.find(name);
    if (found == db.end())
      changes.push_back("decision " + name + " is gone");
    else if (found->second != options)
      changes.push_back("decision " + name + " had " + options + ", now " + found->second);
  }
  for (const auto& [name, options] : db)
    if (!da.count(name)) changes.push_back("decision " + name + " is new: " + options);
  if (changes.empty() && a != b) changes.push_back("the search space differs (space.json)");
}

}  // namespace

void record_identity(TrialStore& store, const RunIdentity& identity) {
  store.set_info("config", identity.config_toml);
  store.set_info("space", identity.space_json);
  store.set_info("data_fingerprint", identity.data_fingerprint);
  store.set_info("data", identity.data_description);
}

void check_identity(TrialStore& store, const RunIdentity& now) {
  std::vector<std::string> changes;
  diff_config(store.info("config").value_or(""), now.config_toml, changes);
  diff_space(store.info("space").value_or(""), now.space_json, changes);
  auto fingerprint = store.info("data_fingerprint").value_or("");
  if (fingerprint != now.data_fingerprint)
    changes.push_back("the data differs (fingerprint " + fingerprint + ", now " +
                      now.data_fingerprint + "): was " + store.info("data").value_or("?") +
                      "; now " + now.data_description);
  if (changes.empty()) return;
  std::string text;
  for (const auto& change : changes) text += "\n  " + change;
  throw sdk::InputError(store.path() +
                        ": cannot resume, the run has changed since it started:" + text);
}

}  // namespace autood
