// Reads the TOML config against a fixed schema. Every key is known, or it is an error naming the
// key, the valid keys and the line; sections that belong to a plugin are kept raw and checked
// later against what that plugin declares (resolve_options).
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"
#include "config/ConfigKeys.hpp"
#include "config/ShortestFloats.hpp"

namespace autood {
namespace {

std::string where(const toml::node& node, const std::string& file) {
  const auto& source = node.source();
  std::string path = source.path ? *source.path : file;
  if (path == "--set") return "--set";
  if (!source.begin) return path.empty() ? "config" : path;
  return (path.empty() ? std::string("config") : path) + ":" + std::to_string(source.begin.line) +
         ":" + std::to_string(source.begin.column);
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

[[noreturn]] void fail(const std::string& at, const std::string& message) {
  throw sdk::InputError(at + ": " + message);
}

// Whether `text` is an integer literal beyond 64 bits. TOML cannot hold one, so --set keeps it as
// a string; it is then reported as a number out of range, not as a string.
bool beyond_int64(const std::string& text) {
  const bool negative = !text.empty() && text[0] == '-';
  std::string digits;  // without sign, underscores and leading zeros
  bool any = false;
  for (std::size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
       i < text.size(); ++i) {
    if (text[i] == '_') continue;
    if (text[i] < '0' || text[i] > '9') return false;
    any = true;
    if (!digits.empty() || text[i] != '0') digits += text[i];
  }
  const std::string limit = negative ? "9223372036854775808" : "9223372036854775807";
  return any && (digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit));
}

// "which is too large" (or too small) for a number that `beyond_int64` found.
std::string too_far(const std::string& text) {
  return text + ", which is too " + (text[0] == '-' ? "small" : "large");
}

sdk::Value to_value(const toml::node& node, const std::string& key, const std::string& file) {
  if (node.is_boolean()) return *node.value<bool>();
  if (node.is_integer()) return *node.value<std::int64_t>();
  if (node.is_floating_point()) return *node.value<double>();
  if (node.is_string()) return *node.value<std::string>();
  if (const toml::array* array = node.as_array()) {
    if (array->empty() || array->is_homogeneous(toml::node_type::integer)) {
      std::vector<std::int64_t> items;
      for (const auto& item : *array) items.push_back(*item.value<std::int64_t>());
      return items;
    }
    if (array->is_homogeneous(toml::node_type::string)) {
      std::vector<std::string> items;
      for (const auto& item : *array) items.push_back(*item.value<std::string>());
      return items;
    }
  }
  fail(where(node, file),
       "'" + key + "' must be a boolean, number, string or an array of integers or strings");
}

// One [section] of the schema: rejects unknown keys and reads typed values.
class Section {
 public:
  Section(const toml::table& root, const std::string& name, const std::string& file,
          std::vector<std::string> valid, bool open = false)
      : name_(name), file_(file) {
    const toml::node* node = root.at_path(name).node();
    if (node == nullptr) return;
    table_ = node->as_table();
    if (table_ == nullptr) fail(where(*node, file), "'" + name + "' must be a table");
    if (open) return;
    std::sort(valid.begin(), valid.end());
    for (const auto& [key, value] : *table_) {
      std::string k(key.str());
      if (!std::binary_search(valid.begin(), valid.end(), k))
        fail(where(value, file),
             "unknown key '" + name + "." + k + "'; valid keys in [" + name + "]: " + join(valid));
    }
  }

  const toml::table* table() const { return table_; }
  std::string path(const std::string& key) const { return name_ + "." + key; }

  template <typename T>
  void read(const std::string& key, T& out) const {
    const toml::node* node = find(key);
    if (!node) return;
    if constexpr (std::is_same_v<T, double>) {
      if (node->is_number()) {
        out = *node->value<double>();
        return;
      }
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      if (node->is_integer()) {
        out = *node->value<std::int64_t>();
        return;
      }
      fail_if_too_far(key, "an integer from " + show(std::numeric_limits<T>::min()) + " to " +
                               show(std::numeric_limits<T>::max()));
    } else if constexpr (std::is_same_v<T, bool>) {
      if (node->is_boolean()) {
        out = *node->value<bool>();
        return;
      }
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (node->is_string()) {
        out = *node->value<std::string>();
        return;
      }
    } else {
      if (read_array(*node, out)) return;
    }
    fail(where(*node, file_),
         "'" + path(key) + "' must be " + type_label<T>() + ", got " + describe(*node));
  }

  // A key of the table (ConfigKeys) into its field, checked against its range or its values
  // with them in the message; NaN and the infinities fall outside every range.
  void read_key(const ConfigKey& row, Config& config) const {
    std::visit(
        [&](const auto& field) {
          using F = std::decay_t<decltype(field)>;
          if constexpr (!std::is_same_v<F, std::monostate>) {
            auto& out = field(config);
            using T = std::decay_t<decltype(out)>;
            if constexpr (std::is_same_v<T, std::string>)
              if (!row.default_override.empty()) out = row.default_override;
            const std::string range =
                row.range ? row.range->text(std::is_same_v<T, std::int64_t>) : "";
            if (row.range) fail_if_too_far(row.name, range);
            read(row.name, out);
            const toml::node* node = find(row.name);
            if (!node) return;
            if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
              if (row.range && !row.range->contains(static_cast<double>(out)))
                fail(where(*node, file_),
                     "'" + path(row.name) + "' must be " + range + ", got " + show(out));
            }
            if constexpr (std::is_same_v<T, std::string>) {
              if (!row.one_of.empty() &&
                  std::find(row.one_of.begin(), row.one_of.end(), out) == row.one_of.end())
                fail(where(*node, file_), "'" + path(row.name) + "' must be one of: " +
                                              join(row.one_of) + "; got '" + out + "'");
            }
          }
        },
        row.field);
  }

  // Every key the table declares in this section.
  void read_keys(Config& config) const {
    for (const auto& row : config_keys())
      if (row.section == name_) read_key(row, config);
  }

  RawOptions raw_except(const std::vector<std::string>& skip) const {
    RawOptions options;
    if (!table_) return options;
    for (const auto& [key, value] : *table_) {
      std::string k(key.str());
      if (std::find(skip.begin(), skip.end(), k) != skip.end()) continue;
      options[k] = RawOption{to_value(value, path(k), file_), where(value, file_)};
    }
    return options;
  }

  std::string location(const std::string& key) const {
    const toml::node* node = find(key);
    return node ? where(*node, file_) : (file_.empty() ? std::string("config") : file_);
  }

 private:
  const toml::node* find(const std::string& key) const {
    return table_ ? table_->get(key) : nullptr;
  }

  // A number given with --set that no 64-bit integer holds, named with the key's range.
  void fail_if_too_far(const std::string& key, const std::string& range) const {
    const toml::node* node = find(key);
    if (!node || !node->is_string() || where(*node, file_) != "--set") return;
    const std::string text = *node->value<std::string>();
    if (beyond_int64(text))
      fail(where(*node, file_), "'" + path(key) + "' must be " + range + ", got " + too_far(text));
  }

  template <typename Item>
  static bool read_array(const toml::node& node, std::vector<Item>& out) {
    const toml::array* array = node.as_array();
    if (!array) return false;
    std::vector<Item> items;
    for (const auto& item : *array) {
      // The type first: toml++ converts a float to an integer without a range check (UB for
      // 7e37, found by tests/fuzz/fuzz_config).
      if (std::is_same_v<Item, std::int64_t> && !item.is_integer()) return false;
      auto value = item.value<Item>();
      if (!value) return false;
      items.push_back(*value);
    }
    out = std::move(items);
    return true;
  }

  template <typename T>
  static std::string type_label() {
    if constexpr (std::is_same_v<T, double>) return "a number";
    if constexpr (std::is_same_v<T, std::int64_t>) return "an integer";
    if constexpr (std::is_same_v<T, bool>) return "a boolean";
    if constexpr (std::is_same_v<T, std::string>) return "a string";
    if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) return "an array of integers";
    if constexpr (std::is_same_v<T, std::vector<double>>) return "an array of numbers";
    return "an array of strings";
  }

  template <typename T>
  static std::string show(T value) {
    std::ostringstream text;
    text << value;
    return text.str();
  }

  static std::string describe(const toml::node& node) {
    std::ostringstream text;
    text << node.type();
    return text.str();
  }

  std::string name_;
  std::string file_;
  const toml::table* table_ = nullptr;
};

// [section.<plugin>] tables, kept raw per plugin name, such as [space.conv] or
// [hypothesis.centroid].
std::map<std::string, RawOptions> plugin_tables(const toml::table& root, const std::string& section,
                                                const std::string& file) {
  std::map<std::string, RawOptions> tables;
  Section outer(root, section, file, {}, /*open=*/true);
  if (!outer.table()) return tables;
  for (const auto& [key, value] : *outer.table()) {
    std::string name(key.str());
    if (!value.is_table())
      fail(where(value, file), "'" + section + "." + name + "' must be a table");
    tables[name] = Section(root, section + "." + name, file, {}, true).raw_except({});
  }
  return tables;
}

// An optional [data.<name>] source: when the section is present, its loader is required.
void read_optional_source(const toml::table& root, const std::string& name, const std::string& file,
                          Config& config, SourceConfig& out) {
  const toml::table* data = root["data"].as_table();
  if (!data || !data->contains(name)) return;
  const std::string section = "data." + name;
  Section source(root, section, file, {}, /*open=*/true);
  source.read_keys(config);
  if (out.loader.empty())
    fail(source.location("loader"),
         "'" + section + ".loader' must name the dataset plugin of [" + section + "]");
  out.options = source.raw_except(section_keys(section));
  out.section = section;
}

// [data.generator.<name>], and how it goes with data.validation and data.generators (read with
// the rest of [data]): what makes the search's outliers.
void read_synthetic_validation(const toml::table& root, const Section& data,
                               const std::string& file, DataConfig& out) {
  out.generator_options = plugin_tables(root, "data.generator", file);
  const bool synthetic = out.validation == "synthetic";
  if (!synthetic && (!out.generators.empty() || !out.generator_options.empty()))
    fail(data.location(out.generators.empty() ? "generator" : "generators"),
         "data.generators and [data.generator.<name>] make the search's outliers only with "
         "data.validation = \"synthetic\"");
  if (synthetic && !out.outlier_classes.empty())
    fail(data.location("outlier_classes"),
         "'data.outlier_classes' names the classes of labelled outliers, and data.validation = "
         "\"synthetic\" reads none; give test_outlier_classes for the test set");
  for (const auto& [name, options] : out.generator_options)
    if (!out.generators.empty() &&
        std::find(out.generators.begin(), out.generators.end(), name) == out.generators.end())
      fail(data.location("generator"), "[data.generator." + name +
                                           "] names no generator of data.generators (" +
                                           join(out.generators) + ")");
}

// The range a plugin option declares, as "from 1 to 1000"; "" when it declares none.
std::string range_text(const sdk::ParamSpec& spec) {
  std::ostringstream text;
  if (spec.min && spec.max)
    text << "from " << *spec.min << " to " << *spec.max;
  else if (spec.min)
    text << "at least " << *spec.min;
  else if (spec.max)
    text << "at most " << *spec.max;
  return text.str();
}

// A plugin option against the bounds its ParamSpec declares; a real option is also finite.
void check_bounds(const sdk::ParamSpec& spec, const sdk::Value& value, const std::string& at,
                  const std::string& key) {
  std::vector<double> numbers;
  if (const auto* d = std::get_if<double>(&value)) numbers.push_back(*d);
  if (const auto* i = std::get_if<std::int64_t>(&value)) numbers.push_back(static_cast<double>(*i));
  if (const auto* items = std::get_if<std::vector<std::int64_t>>(&value))
    for (auto i : *items) numbers.push_back(static_cast<double>(i));
  for (double number : numbers) {
    if (!std::isfinite(number)) fail(at, "'" + key + "' must be a finite number");
    if ((spec.min && number < *spec.min) || (spec.max && number > *spec.max)) {
      std::ostringstream text;
      text << "'" << key << "' must be " << range_text(spec) << ", got " << number;
      fail(at, text.str());
    }
  }
}

toml::table parse(const std::string& path) {
  if (path.empty()) return {};
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    throw sdk::InputError(path + ":" + std::to_string(begin.line) + ":" +
                          std::to_string(begin.column) + ": " + std::string(error.description()));
  }
}

// Applies "a.b.c=value"; the value is read as TOML (so 3, 0.5, true, [1,2] keep their types) and
// taken as a plain string when it is not valid TOML.
void apply_override(toml::table& root, const std::string& assignment) {
  auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0)
    throw sdk::InputError("--set " + assignment + ": expected key=value");
  std::string key = assignment.substr(0, equals);
  std::string text = assignment.substr(equals + 1);
  toml::table parsed;
  try {
    parsed = toml::parse("value = " + text, std::string_view("--set"));
  } catch (const toml::parse_error&) {
    std::string quoted = "\"";
    for (char c : text)
      quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    parsed = toml::parse("value = " + quoted + "\"", std::string_view("--set"));
  }
  toml::table* table = &root;
  std::istringstream parts(key);
  std::vector<std::string> names;
  for (std::string part; std::getline(parts, part, '.');) names.push_back(part);
  if (key.back() == '.' ||
      std::any_of(names.begin(), names.end(), [](auto& n) { return n.empty(); }))
    throw sdk::InputError("--set " + assignment + ": the key '" + key +
                          "' has an empty part; expected section.key=value");
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    toml::node* next = table->get(names[i]);
    if (next == nullptr) {
      // A table made here is marked as coming from --set, so that an unknown section it names is
      // blamed on --set rather than on the config file.
      // It is parsed as an inline table; it is written back out as a [section] like any other.
      toml::table made = toml::parse("t = {}", std::string_view("--set"));
      toml::table* section = made.get_as<toml::table>("t");
      section->is_inline(false);
      next = &table->insert_or_assign(names[i], std::move(*section)).first->second;
    }
    table = next->as_table();
    if (table == nullptr)
      throw sdk::InputError("--set " + assignment + ": '" + names[i] + "' is not a table");
  }
  table->insert_or_assign(names.back(), std::move(*parsed.get("value")));
}

// Lays `top` over `base`: a key in both takes top's value, except that two tables merge key by
// key. Nodes are moved, not copied, because toml++ drops a node's source when it copies it, and
// an error in a pack's defaults must name that file and line.
void overlay(toml::table& base, toml::table&& top) {
  for (auto&& [key, value] : top) {
    toml::node* below = base.get(key);
    if (below && below->is_table() && value.is_table())
      overlay(*below->as_table(), std::move(*value.as_table()));
    else
      base.insert_or_assign(key, std::move(value));
  }
}

// The user's file and --set over the packs' defaults, the later pack over the earlier.
toml::table layered(const std::string& path, const std::vector<std::string>& overrides,
                    const std::vector<std::string>& defaults) {
  toml::table root;
  for (const auto& file : defaults) {
    toml::table layer = parse(file);
    if (const toml::node* plugins = layer.get("plugins"))
      fail(where(*plugins, file),
           "a pack's defaults cannot set [plugins]; load packs and plugins from the user's config");
    overlay(root, std::move(layer));
  }
  toml::table user = parse(path);
  for (const auto& assignment : overrides) apply_override(user, assignment);
  overlay(root, std::move(user));
  return root;
}

void read_plugins(const toml::table& root, const std::string& path, Config& config) {
  Section(root, "plugins", path, section_keys("plugins")).read_keys(config);
}

}  // namespace

PluginsConfig read_plugins_config(const std::string& path,
                                  const std::vector<std::string>& overrides) {
  toml::table root = parse(path);
  for (const auto& assignment : overrides) apply_override(root, assignment);
  Config config;
  read_plugins(root, path, config);
  return config.plugins;
}

Config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   const std::vector<std::string>& defaults) {
  toml::table root = layered(path, overrides, defaults);
  Config config;
  config.file = path;

  const auto sections = config_sections();
  for (const auto& [key, value] : root) {
    std::string k(key.str());
    if (std::find(sections.begin(), sections.end(), k) == sections.end())
      fail(where(value, path), "unknown section '" + k + "'; valid sections: " + join(sections));
  }

  Section(root, "search", path, section_keys("search")).read_keys(config);

  Section controller(root, "controller", path, {}, /*open=*/true);
  controller.read_keys(config);
  config.controller.options = controller.raw_except(section_keys("controller"));

  const Section train(root, "train", path, section_keys("train"));
  train.read_keys(config);
  Section(root, "score", path, section_keys("score")).read_keys(config);
  Section(root, "prune", path, section_keys("prune")).read_keys(config);

  // Keys that depend on other keys, after the table's own checks.
  const Section final_training(root, "final", path, section_keys("final"));
  final_training.read_keys(config);
  if (config.final.ensemble > std::max<std::int64_t>(config.final.top_k, 1))
    fail(final_training.location("ensemble"),
         "'final.ensemble' (" + std::to_string(config.final.ensemble) +
             ") cannot exceed final.top_k (" + std::to_string(config.final.top_k) +
             "): an ensemble is made of final models");

  const Section data(root, "data", path, section_keys("data"));
  data.read_keys(config);
  using ClassList = const std::vector<std::int64_t>*;
  const auto& normal = config.data.normal_classes;
  for (const auto& [key, classes] :
       {std::pair<const char*, ClassList>{"normal_classes", &normal},
        std::pair<const char*, ClassList>{"outlier_classes", &config.data.outlier_classes},
        std::pair<const char*, ClassList>{"test_outlier_classes",
                                          &config.data.test_outlier_classes}})
    for (auto c : *classes) {
      if (c < 0 || c > 1000000)
        fail(data.location(key), "'data." + std::string(key) +
                                     "' must hold class indices from 0 to 1000000, got " +
                                     std::to_string(c));
      if (classes != &normal && std::find(normal.begin(), normal.end(), c) != normal.end())
        fail(data.location(key), "'data." + std::string(key) + "' names class " +
                                     std::to_string(c) +
                                     ", which data.normal_classes makes normal");
    }

  read_synthetic_validation(root, data, path, config.data);
  if (config.data.protocol == "segmentation" && config.final.ensemble > 1)
    fail(final_training.location("ensemble"),
         "'final.ensemble' combines image scores; data.protocol 'segmentation' is rewarded per "
         "pixel, so its model is one final (set final.ensemble = 1)");

  Section source(root, "data.source", path, {}, /*open=*/true);
  source.read_keys(config);
  config.data.source.options = source.raw_except(section_keys("data.source"));
  config.data.source.section = "data.source";

  for (const auto& [name, target] :
       {std::pair{"outliers", &config.data.outliers}, std::pair{"test", &config.data.test},
        std::pair{"test_outliers", &config.data.test_outliers}})
    read_optional_source(root, name, path, config, *target);
  // With [data.test] the test set is that split, and only train : validation are cut here.
  const bool test_given = !config.data.test.loader.empty();
  const auto& split = config.data.split;
  if (!(split.size() == 3 || (test_given && split.size() == 2)) ||
      std::any_of(split.begin(), split.end(), [](double v) { return !(v > 0 && v < 1e9); }))
    fail(data.location("split"),
         test_given ? "'data.split' must be two positive numbers, train and validation (the test "
                      "set is [data.test])"
                    : "'data.split' must be three positive numbers: train, validation, test");

  config.space.narrow = plugin_tables(root, "space", path);
  config.hypothesis.options = plugin_tables(root, "hypothesis", path);

  read_plugins(root, path, config);

  std::ostringstream resolved;
  resolved << root;
  config.resolved_toml = with_shortest_floats(resolved.str());
  return config;
}

sdk::Params resolve_options(const std::vector<sdk::ParamSpec>& specs, const RawOptions& raw,
                            const std::string& section) {
  std::vector<std::string> valid;
  for (const auto& spec : specs) valid.push_back(spec.name);
  std::sort(valid.begin(), valid.end());
  sdk::Params params;
  for (const auto& spec : specs) params.set(spec.name, spec.default_value);
  for (const auto& [key, option] : raw) {
    const std::string& name = key;  // C++17 lambdas cannot capture a structured binding
    auto spec =
        std::find_if(specs.begin(), specs.end(), [&](const auto& s) { return s.name == name; });
    if (spec == specs.end())
      fail(option.where, "unknown key '" + section + "." + key + "'; valid keys: " +
                             (valid.empty() ? std::string("(none)") : join(valid)));
    sdk::Value value = option.value;
    bool wants_double = std::holds_alternative<double>(spec->default_value);
    if (wants_double && std::holds_alternative<std::int64_t>(value))
      value = static_cast<double>(std::get<std::int64_t>(value));
    bool empty_array = std::holds_alternative<std::vector<std::int64_t>>(value) &&
                       std::get<std::vector<std::int64_t>>(value).empty() &&
                       std::holds_alternative<std::vector<std::string>>(spec->default_value);
    if (empty_array) value = std::vector<std::string>{};
    if (const auto* text = std::get_if<std::string>(&value);
        text && option.where == "--set" && beyond_int64(*text) &&
        std::holds_alternative<std::int64_t>(spec->default_value)) {
      const std::string range = range_text(*spec);
      fail(option.where, "'" + section + "." + key + "' must be " +
                             (range.empty() ? "a 64-bit integer" : range) + ", got " +
                             too_far(*text));
    }
    if (value.index() != spec->default_value.index())
      fail(option.where, "'" + section + "." + key + "' must be " +
                             sdk::type_name(spec->default_value) + ", got " +
                             sdk::type_name(value));
    check_bounds(*spec, value, option.where, section + "." + key);
    params.set(key, std::move(value));
  }
  return params;
}

}  // namespace autood
