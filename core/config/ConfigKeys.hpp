#pragma once
// Every key of the config file, declared once: its section and name, the Config field it fills
// (whose C++ type and default are the struct's, in Config.hpp), its range or its options, and its
// help line. The loader reads and range-checks the fixed sections by this table, and its error
// messages name the ranges written here; `autood keys` prints it, and so does the README's key
// table, which ctest `config: the README's key table is the table` holds to it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config/Config.hpp"

namespace autood {

// Where a key's value goes in a Config.
template <class T>
using ConfigField = std::function<T &(Config &)>;
using AnyConfigField =
    std::variant<std::monostate, ConfigField<bool>, ConfigField<std::int64_t>, ConfigField<double>,
                 ConfigField<std::string>, ConfigField<std::vector<std::int64_t>>,
                 ConfigField<std::vector<double>>, ConfigField<std::vector<std::string>>>;

// A number's range. An open end excludes its bound; NaN is in no range.
struct KeyRange {
  double low = 0.0, high = 0.0;
  bool low_open = false, high_open = false;
  bool contains(double value) const;
  // "from 0 to 1000", "greater than 0 and at most 32", "at least 0 and below 1" or "between 0
  // and 1 (both excluded)"; the bounds as integers for an integer key.
  std::string text(bool integer) const;
};

struct ConfigKey {
  std::string section;  // "train", or "data.source" for a key of a sub-table
  std::string name;     // "epochs"; "<op>.<decision>" for a key of plugin tables
  // Empty (monostate) for a key its own code reads: a loader's, a plugin's option, an optional
  // source's loader.
  AnyConfigField field;
  std::optional<KeyRange> range;    // numbers
  std::vector<std::string> one_of;  // strings with fixed values
  // The default when Config{} cannot hold it (data.source.loader: SourceConfig serves four
  // sources); the loader puts it in the field before reading. Otherwise Config{}'s value.
  std::string default_override;
  std::string help;

  std::string path() const { return section + "." + name; }
  std::string type_text() const;     // "integer greater than 0 and at most 32", "boolean"...
  std::string default_text() const;  // as TOML writes it: 3, 0.001, "auto", [0.6, 0.2, 0.2]

  // Builders, for the table's rows.
  ConfigKey within(double low, double high) &&;  // from low to high
  ConfigKey positive(double high) &&;            // greater than 0 and at most high
  ConfigKey range_of(KeyRange range) &&;
  ConfigKey options(std::vector<std::string> values) &&;
  ConfigKey defaults_to(std::string value) &&;
};

// Every key, in the order `autood keys` and the README print them.
const std::vector<ConfigKey> &config_keys();

// The names a closed section accepts: its keys, and the sub-tables keys are declared under (for
// [data]: source, outliers, test, test_outliers, generator). Sorted.
std::vector<std::string> section_keys(const std::string &section);

// The top-level sections, in the table's order.
std::vector<std::string> config_sections();

// The table as Markdown, the README's: | key | value | default | meaning |.
std::string config_keys_markdown();

}  // namespace autood
