#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "autood/sdk/export.hpp"

namespace autood::sdk {

// A plugin option's value, as it comes from the config.
using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>,
                           std::vector<std::string>>;

AUTOOD_SDK_API std::string type_name(const Value& value);
AUTOOD_SDK_API std::string to_string(const Value& value);

// An option a plugin accepts, with its default; the default also fixes the type. A number (or
// each integer of an integer array) may be bounded: the host refuses a value outside [min, max]
// when the config is loaded, with the range in the message, before any child draws the plugin.
struct ParamSpec {
  std::string name;
  Value default_value;
  std::string help;
  std::optional<double> min{};
  std::optional<double> max{};
};

// The options handed to a plugin: every declared key is present, defaults filled in by the host.
class AUTOOD_SDK_API Params {
 public:
  Params() = default;
  void set(const std::string& key, Value value);
  bool has(const std::string& key) const;
  const std::map<std::string, Value>& values() const { return values_; }

  bool get_bool(const std::string& key) const;
  std::int64_t get_int(const std::string& key) const;
  double get_double(const std::string& key) const;  // accepts integers too
  const std::string& get_string(const std::string& key) const;
  const std::vector<std::int64_t>& get_ints(const std::string& key) const;
  const std::vector<std::string>& get_strings(const std::string& key) const;

 private:
  const Value& at(const std::string& key) const;
  std::map<std::string, Value> values_;
};

}  // namespace autood::sdk
