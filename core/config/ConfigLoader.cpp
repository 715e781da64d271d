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
#include "config/ShortestFloats.hpp"

namespace autood {
namespace {

// Bounds beyond any real run, that keep a typo from hanging a search or allocating the machine.
constexpr std::int64_t kMaxLayers = 32;
constexpr std::int64_t kMaxEpochs = 100000;
constexpr std::int64_t kMaxCount = 1000000000;
constexpr double kMaxSeconds = 1e7;

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

  // Every number has a stated range, checked here with the range in the message; NaN and the
  // infinities fall outside every range.
  template <typename T>
  void read_within(const std::string& key, T& out, T low, T high) const {
    const std::string range = "from " + show(low) + " to " + show(high);
    fail_if_too_far(key, range);
    read(key, out);
    if (const toml::node* node = find(key); node && !(out >= low && out <= high))
      fail(where(*node, file_), "'" + path(key) + "' must be " + range + ", got " + show(out));
  }

  template <typename T>
  void read_positive(const std::string& key, T& out, T high) const {
    const std::string range = "greater than 0 and at most " + show(high);
    fail_if_too_far(key, range);
    read(key, out);
    if (const toml::node* node = find(key); node && !(out > 0 && out <= high))
      fail(where(*node, file_), "'" + path(key) + "' must be " + range + ", got " + show(out));
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
                          SourceConfig& out) {
  const toml::table* data = root["data"].as_table();
  if (!data || !data->contains(name)) return;
  const std::string section = "data." + name;
  Section source(root, section, file, {}, /*open=*/true);
  source.read("loader", out.loader);
  if (out.loader.empty())
    fail(source.location("loader"),
         "'" + section + ".loader' must name the dataset plugin of [" + section + "]");
  out.options = source.raw_except({"loader"});
  out.section = section;
}

// data.validation, data.generators and [data.generator.<name>]: what makes the search's outliers.
void read_synthetic_validation(const toml::table& root, const Section& data,
                               const std::string& file, DataConfig& out) {
  data.read("validation", out.validation);
  if (out.validation != "labelled" && out.validation != "synthetic")
    fail(data.location("validation"),
         "'data.validation' must be one of: labelled, synthetic; got '" + out.validation + "'");
  data.read("generators", out.generators);
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

void read_plugins(const toml::table& root, const std::string& path, PluginsConfig& out) {
  Section plugins(root, "plugins", path, {"paths", "packs", "builtin", "strict"});
  plugins.read("paths", out.paths);
  plugins.read("packs", out.packs);
  plugins.read("builtin", out.builtin);
  plugins.read("strict", out.strict);
}

}  // namespace

PluginsConfig read_plugins_config(const std::string& path,
                                  const std::vector<std::string>& overrides) {
  toml::table root = parse(path);
  for (const auto& assignment : overrides) apply_override(root, assignment);
  PluginsConfig plugins;
  read_plugins(root, path, plugins);
  return plugins;
}

Config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   const std::vector<std::string>& defaults) {
  toml::table root = layered(path, overrides, defaults);
  Config config;
  config.file = path;

  std::vector<std::string> sections{"search", "controller", "train", "score", "final",
                                    "prune",  "hypothesis", "data",  "space", "plugins"};
  for (const auto& [key, value] : root) {
    std::string k(key.str());
    if (std::find(sections.begin(), sections.end(), k) == sections.end())
      fail(where(value, path), "unknown section '" + k + "'; valid sections: " + join(sections));
  }

  Section search(root, "search", path, {"layers", "budget", "batch", "seed"});
  search.read_positive("layers", config.search.layers, kMaxLayers);
  search.read_positive("budget", config.search.budget, kMaxCount);
  search.read_positive("batch", config.search.batch, std::int64_t{4096});
  search.read("seed", config.search.seed);

  Section controller(root, "controller", path, {}, /*open=*/true);
  controller.read("name", config.controller.name);
  controller.read("common_random_numbers", config.controller.common_random_numbers);
  config.controller.options = controller.raw_except({"name", "common_random_numbers"});

  Section train(
      root, "train", path,
      {"epochs", "batch_size", "lr", "max_seconds", "threads", "device", "shuffle", "subset"});
  train.read_positive("epochs", config.train.epochs, kMaxEpochs);
  train.read_positive("batch_size", config.train.batch_size, kMaxCount);
  train.read_positive("lr", config.train.lr, 10.0);
  train.read_within("max_seconds", config.train.max_seconds, 0.0, kMaxSeconds);
  train.read_within("threads", config.train.threads, std::int64_t{0}, std::int64_t{1024});
  train.read("device", config.train.device);
  train.read("shuffle", config.train.shuffle);
  train.read_within("subset", config.train.subset, std::int64_t{0}, kMaxCount);
  if (config.train.device != "auto" && config.train.device != "cpu" &&
      config.train.device != "cuda")
    fail(train.location("device"), "'train.device' must be one of: auto, cpu, cuda");

  Section score(root, "score", path, {"lambda", "threshold_fpr"});
  score.read_within("lambda", config.score.lambda, 0.0, 1e6);
  score.read("threshold_fpr", config.score.threshold_fpr);
  if (!(config.score.threshold_fpr >= 0.0 && config.score.threshold_fpr < 1.0))
    fail(score.location("threshold_fpr"),
         "'score.threshold_fpr' must be at least 0 and below 1, got " +
             std::to_string(config.score.threshold_fpr));

  Section prune(root, "prune", path, {"rule", "at_epoch", "warmup"});
  prune.read("rule", config.prune.rule);
  prune.read_positive("at_epoch", config.prune.at_epoch, kMaxEpochs);
  prune.read_positive("warmup", config.prune.warmup, kMaxCount);
  if (config.prune.rule != "none" && config.prune.rule != "median")
    fail(prune.location("rule"), "'prune.rule' must be one of: none, median");

  Section final_training(root, "final", path,
                         {"top_k", "epochs", "max_seconds", "ensemble", "keep_best_epoch"});
  final_training.read_within("top_k", config.final.top_k, std::int64_t{0}, std::int64_t{1000});
  final_training.read_within("epochs", config.final.epochs, std::int64_t{0}, kMaxEpochs);
  final_training.read_within("max_seconds", config.final.max_seconds, 0.0, kMaxSeconds);
  final_training.read_positive("ensemble", config.final.ensemble, std::int64_t{64});
  final_training.read("keep_best_epoch", config.final.keep_best_epoch);
  if (config.final.ensemble > std::max<std::int64_t>(config.final.top_k, 1))
    fail(final_training.location("ensemble"),
         "'final.ensemble' (" + std::to_string(config.final.ensemble) +
             ") cannot exceed final.top_k (" + std::to_string(config.final.top_k) +
             "): an ensemble is made of final models");

  Section data(
      root, "data", path,
      {"protocol", "contamination", "normal_classes", "split", "limit", "pixel_metric",
       "standardize", "train_outliers", "outlier_classes", "test_outlier_classes", "validation",
       "generators", "generator", "source", "outliers", "test", "test_outliers"});
  data.read("protocol", config.data.protocol);
  data.read("pixel_metric", config.data.pixel_metric);
  data.read("standardize", config.data.standardize);
  if (config.data.pixel_metric != "auroc" && config.data.pixel_metric != "pro")
    fail(data.location("pixel_metric"), "'data.pixel_metric' must be one of: auroc, pro");
  data.read("contamination", config.data.contamination);
  data.read("normal_classes", config.data.normal_classes);
  data.read("split", config.data.split);
  data.read_within("limit", config.data.limit, std::int64_t{0}, kMaxCount);
  if (!(config.data.contamination > 0 && config.data.contamination < 1))
    fail(data.location("contamination"),
         "'data.contamination' must be between 0 and 1 (both excluded), got " +
             std::to_string(config.data.contamination));
  data.read("train_outliers", config.data.train_outliers);
  if (!(config.data.train_outliers >= 0 && config.data.train_outliers < 1))
    fail(data.location("train_outliers"),
         "'data.train_outliers' is the share of the labelled outliers put in training: at least 0 "
         "and below 1 (validation keeps the rest), got " +
             std::to_string(config.data.train_outliers));
  data.read("outlier_classes", config.data.outlier_classes);
  data.read("test_outlier_classes", config.data.test_outlier_classes);
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
  config.data.source.loader = "idx";
  source.read("loader", config.data.source.loader);
  config.data.source.options = source.raw_except({"loader"});
  config.data.source.section = "data.source";

  for (const auto& [name, target] :
       {std::pair{"outliers", &config.data.outliers}, std::pair{"test", &config.data.test},
        std::pair{"test_outliers", &config.data.test_outliers}})
    read_optional_source(root, name, path, *target);
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

  read_plugins(root, path, config.plugins);

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
