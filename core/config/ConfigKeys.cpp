#include "config/ConfigKeys.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <type_traits>

namespace autood {
namespace {

// Bounds beyond any real run, that keep a typo from hanging a search or allocating the machine.
constexpr double kMaxLayers = 32;
constexpr double kMaxEpochs = 100000;
constexpr double kMaxCount = 1000000000;
constexpr double kMaxSeconds = 1e7;

// A key whose value is the member `member` of the section struct `part` of Config.
template <class Part, class T>
ConfigKey key(std::string section, std::string name, Part Config::*part, T Part::*member,
              std::string help) {
  ConfigKey row;
  row.section = std::move(section);
  row.name = std::move(name);
  row.field = ConfigField<T>([part, member](Config& c) -> T& { return (c.*part).*member; });
  row.help = std::move(help);
  return row;
}

// The loader of one of [data]'s sources.
ConfigKey loader_key(std::string source, SourceConfig DataConfig::*which, std::string help) {
  ConfigKey row;
  row.section = "data." + source;
  row.name = "loader";
  row.field = ConfigField<std::string>(
      [which](Config& c) -> std::string& { return (c.data.*which).loader; });
  row.help = std::move(help);
  return row;
}

// Keys of tables that belong to plugins, checked against what each plugin declares.
ConfigKey plugin_key(std::string section, std::string name, std::string help) {
  ConfigKey row;
  row.section = std::move(section);
  row.name = std::move(name);
  row.help = std::move(help);
  return row;
}

std::vector<ConfigKey> make_table() {
  using C = Config;
  std::vector<ConfigKey> t;
  t.push_back(key("search", "layers", &C::search, &SearchConfig::layers,
                  "N, the encoder layers; the decoder mirrors them")
                  .positive(kMaxLayers));
  t.push_back(
      key("search", "budget", &C::search, &SearchConfig::budget,
          "children evaluated (a repeated architecture is answered from the cache but counts)")
          .positive(kMaxCount));
  t.push_back(key("search", "batch", &C::search, &SearchConfig::batch,
                  "children proposed per controller step")
                  .positive(4096));
  t.push_back(key("search", "seed", &C::search, &SearchConfig::seed,
                  "seeds the data split, the controller and every child"));
  t.push_back(key("controller", "name", &C::controller, &ControllerConfig::name,
                  "a loaded controller; its own options go in `[controller]` too"));
  t.push_back(key("controller", "common_random_numbers", &C::controller,
                  &ControllerConfig::common_random_numbers,
                  "every controller's generator starts from `search.seed` itself; by default each "
                  "starts from a seed derived from `search.seed` and its name"));
  t.push_back(key("train", "epochs", &C::train, &TrainConfig::epochs, "epochs per child")
                  .positive(kMaxEpochs));
  t.push_back(
      key("train", "batch_size", &C::train, &TrainConfig::batch_size, "samples per training step")
          .positive(kMaxCount));
  t.push_back(key("train", "lr", &C::train, &TrainConfig::lr,
                  "Adam's learning rate, decayed x0.1 at 50% and 75% of the steps")
                  .positive(10));
  t.push_back(key("train", "max_seconds", &C::train, &TrainConfig::max_seconds,
                  "wall-time cap per child (0: none), a safety net: a capped child is scored as "
                  "trained so far and stored with status `timeout`")
                  .within(0, kMaxSeconds));
  t.push_back(key("train", "threads", &C::train, &TrainConfig::threads,
                  "LibTorch's and OpenBLAS's threads (0: every core)")
                  .within(0, 1024));
  t.push_back(key("train", "device", &C::train, &TrainConfig::device,
                  "`auto` takes CUDA when LibTorch sees a GPU, the CPU otherwise")
                  .options({"auto", "cpu", "cuda"}));
  t.push_back(key("train", "shuffle", &C::train, &TrainConfig::shuffle,
                  "reshuffle the training data every epoch (off only for benchmarks that compare "
                  "step by step)"));
  t.push_back(key("train", "subset", &C::train, &TrainConfig::subset,
                  "a search child trains on at most this many training samples (0: all), a "
                  "fidelity knob like `train.epochs`; final training always uses all")
                  .within(0, kMaxCount));
  t.push_back(key("prune", "rule", &C::prune, &PruneConfig::rule,
                  "`median`: measure each search child's validation reward after "
                  "`prune.at_epoch` epochs, and stop it there, recorded as `pruned` with that "
                  "partial reward (which the controller gets), if it is below the median of the "
                  "earlier batches' partial rewards")
                  .options({"none", "median"}));
  t.push_back(key("prune", "at_epoch", &C::prune, &PruneConfig::at_epoch,
                  "when the partial reward is measured; it must be below `train.epochs` for "
                  "pruning to act")
                  .positive(kMaxEpochs));
  t.push_back(key("prune", "warmup", &C::prune, &PruneConfig::warmup,
                  "partial rewards needed before any child is pruned (on the Satellite testbed, "
                  "median pruning at epoch 1 of 5 gave 1.20× the children per hour at no "
                  "significant cost in best reward: `docs/results/pruning-satellite/`)")
                  .positive(kMaxCount));
  t.push_back(key("final", "top_k", &C::final, &FinalConfig::top_k,
                  "after the search, train this many of the best distinct architectures again at "
                  "full fidelity (0: none); the best of them on validation is the model")
                  .within(0, 1000));
  t.push_back(key("final", "epochs", &C::final, &FinalConfig::epochs,
                  "epochs of a final training (0: `train.epochs`)")
                  .within(0, kMaxEpochs));
  t.push_back(key("final", "max_seconds", &C::final, &FinalConfig::max_seconds,
                  "wall-time cap of a final training (0: none)")
                  .within(0, kMaxSeconds));
  t.push_back(key("final", "keep_best_epoch", &C::final, &FinalConfig::keep_best_epoch,
                  "each final is scored on validation after every epoch and keeps the weights of "
                  "its best epoch, not its last (the test set is never seen)"));
  t.push_back(key("final", "ensemble", &C::final, &FinalConfig::ensemble,
                  "K ≥ 2: the model is the K best finals on validation, each final's score "
                  "standardised by the mean and std of its validation-inlier scores, then "
                  "averaged; at most `final.top_k`")
                  .positive(64));
  t.push_back(key("score", "lambda", &C::score, &ScoreConfig::lambda, "λ in score = DIST + λ·REG")
                  .within(0, 1e6));
  t.push_back(key("score", "threshold_fpr", &C::score, &ScoreConfig::threshold_fpr,
                  "the saved model's 0/1 threshold: the share of validation inliers it lets above")
                  .range_of({0, 1, false, true}));
  t.push_back(key("data", "protocol", &C::data, &DataConfig::protocol,
                  "`one_class`: the chosen classes are normal, the rest outliers; `ood`: every "
                  "sample of `[data.source]` is normal and `[data.outliers]` gives the outliers "
                  "(resized, channels replicated or averaged); `segmentation`: a source with its "
                  "own test split and masks (`mvtec`), its test split halved into validation and "
                  "test (with `data.validation = \"synthetic\"`, validation is cut from the "
                  "training images instead), rewarded per pixel"));
  t.push_back(key("data", "pixel_metric", &C::data, &DataConfig::pixel_metric,
                  "segmentation's reward: `auroc` (pixel AUROC) or `pro` (PRO up to FPR 0.3, "
                  "normalised)")
                  .options({"auroc", "pro"}));
  t.push_back(key("data", "standardize", &C::data, &DataConfig::standardize,
                  "tables: standardise every feature by the training split's mean and std; series "
                  "`[N, C, L]`: every channel, over samples and time"));
  t.push_back(key("data", "normal_classes", &C::data, &DataConfig::normal_classes,
                  "`one_class`: the classes taken as normal, indices from 0 to 1000000"));
  t.push_back(key("data", "contamination", &C::data, &DataConfig::contamination,
                  "outliers' share of the validation and test sets (synthetic `segmentation`: "
                  "of validation, whose defects are made)")
                  .range_of({0, 1, true, true}));
  t.push_back(key("data", "train_outliers", &C::data, &DataConfig::train_outliers,
                  "`one_class`: this share of the search's labelled outliers (those "
                  "`data.contamination` gives validation) goes to the training split instead, "
                  "marked as outliers; validation keeps the rest, so no child is rewarded on an "
                  "outlier it trained on. Labelled outliers enter no training term but a "
                  "label-using hypothesis's (`deep_sad`, `supervised`), and those hypotheses join "
                  "the search space only then")
                  .range_of({0, 1, false, true}));
  t.push_back(key("data", "outlier_classes", &C::data, &DataConfig::outlier_classes,
                  "`one_class`: the classes of the search's labelled outliers, in training and "
                  "validation ([]: every class not normal)"));
  t.push_back(key("data", "test_outlier_classes", &C::data, &DataConfig::test_outlier_classes,
                  "`one_class`: the classes of the test set's outliers ([]: all). Give the two "
                  "lists apart to test on anomaly types the search never saw; the run log and "
                  "`summary.json` name both"));
  t.push_back(key("data", "validation", &C::data, &DataConfig::validation,
                  "`one_class` and `segmentation`: where the search's outliers come from: "
                  "`labelled` (real outliers of `[data.source]`) or `synthetic` (made by anomaly "
                  "generators from normal samples: validation's from its own, "
                  "`data.train_outliers`' from training's; no real outlier is read but the test "
                  "set's). `segmentation` then cuts validation from the training images by "
                  "`data.split`, rewards on the generators' masks (every pixel for a change "
                  "without a place: name `cutpaste` alone for a reward that says where) and tests "
                  "on the whole test split")
                  .options({"labelled", "synthetic"}));
  t.push_back(key("data", "generators", &C::data, &DataConfig::generators,
                  "`synthetic`: the generators that make the outliers, dealt rows in turn ([]: "
                  "every loaded generator that takes the data's rank)"));
  t.push_back(plugin_key("data.generator", "<name>.<option>",
                         "`synthetic`: a generator's options, checked against what it declares"));
  t.push_back(key("data", "split", &C::data, &DataConfig::split,
                  "train : validation : test of the normal samples, positive; with `[data.test]`, "
                  "train : validation only; synthetic `segmentation` cuts its training images by "
                  "the first two"));
  t.push_back(key("data", "limit", &C::data, &DataConfig::limit,
                  "use at most this many normal samples (0: all)")
                  .within(0, kMaxCount));
  t.push_back(loader_key("source", &DataConfig::source,
                         "a loaded dataset plugin; its options go in `[data.source]`")
                  .defaults_to("idx"));
  t.push_back(loader_key("outliers", &DataConfig::outliers,
                         "`ood` only: the dataset plugin of the outliers; its options go in "
                         "`[data.outliers]`"));
  t.push_back(loader_key("test", &DataConfig::test,
                         "the data's official test split (the standard benchmark protocol): every "
                         "one of its samples is tested, none subsampled. `one_class` labels them "
                         "by `data.normal_classes`; `ood` takes them as inliers beside "
                         "`[data.test_outliers]`"));
  t.push_back(loader_key("test_outliers", &DataConfig::test_outliers,
                         "`ood` with `[data.test]`: the test outliers, every one tested"));
  t.push_back(plugin_key("space", "<op>.<decision>",
                         "narrows an op's options, e.g. `space.conv.channels = [8, 16, 32]`"));
  t.push_back(plugin_key("hypothesis", "<name>.<option>",
                         "a hypothesis's options, e.g. `hypothesis.centroid.nu = 0.05`"));
  t.push_back(key("plugins", "paths", &C::plugins, &PluginsConfig::paths, "extra plugin folders"));
  t.push_back(key("plugins", "packs", &C::plugins, &PluginsConfig::packs,
                  "pack folders to load (see Packs); `--pack DIR` adds to them"));
  t.push_back(key("plugins", "builtin", &C::plugins, &PluginsConfig::builtin,
                  "also load the plugins installed beside `autood`"));
  t.push_back(key("plugins", "strict", &C::plugins, &PluginsConfig::strict,
                  "any plugin or pack that fails to load is an error"));
  return t;
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string bound(double value, bool integer) {
  if (integer) return std::to_string(static_cast<std::int64_t>(value));
  std::ostringstream text;
  text << value;
  return text.str();
}

// A number as TOML writes it, by shortest round trip, with a point for a whole float.
std::string toml_number(double value) {
  char buffer[64];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  std::string text(buffer, end);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string toml_text(bool value) { return value ? "true" : "false"; }
std::string toml_text(std::int64_t value) { return std::to_string(value); }
std::string toml_text(double value) { return toml_number(value); }
std::string toml_text(const std::string& value) { return quoted(value); }
template <class T>
std::string toml_text(const std::vector<T>& values) {
  std::vector<std::string> items;
  for (const auto& v : values) items.push_back(toml_text(v));
  return "[" + join(items) + "]";
}

template <class T>
std::string type_name() {
  if constexpr (std::is_same_v<T, bool>) return "boolean";
  if constexpr (std::is_same_v<T, std::int64_t>) return "integer";
  if constexpr (std::is_same_v<T, double>) return "number";
  if constexpr (std::is_same_v<T, std::string>) return "string";
  if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) return "array of integers";
  if constexpr (std::is_same_v<T, std::vector<double>>) return "array of numbers";
  return "array of strings";
}

}  // namespace

bool KeyRange::contains(double value) const {
  if (std::isnan(value)) return false;
  const bool above = low_open ? value > low : value >= low;
  const bool below = high_open ? value < high : value <= high;
  return above && below;
}

std::string KeyRange::text(bool integer) const {
  const auto l = bound(low, integer), h = bound(high, integer);
  if (low_open && high_open) return "between " + l + " and " + h + " (both excluded)";
  if (low_open) return "greater than " + l + " and at most " + h;
  if (high_open) return "at least " + l + " and below " + h;
  return "from " + l + " to " + h;
}

ConfigKey ConfigKey::within(double low, double high) && {
  range = KeyRange{low, high, false, false};
  return std::move(*this);
}
ConfigKey ConfigKey::positive(double high) && {
  range = KeyRange{0, high, true, false};
  return std::move(*this);
}
ConfigKey ConfigKey::range_of(KeyRange r) && {
  range = r;
  return std::move(*this);
}
ConfigKey ConfigKey::options(std::vector<std::string> values) && {
  one_of = std::move(values);
  return std::move(*this);
}
ConfigKey ConfigKey::defaults_to(std::string value) && {
  default_override = std::move(value);
  return std::move(*this);
}

std::string ConfigKey::type_text() const {
  return std::visit(
      [&](const auto& field) -> std::string {
        using F = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<F, std::monostate>) {
          return "as the plugin declares";
        } else {
          using T = std::decay_t<decltype(field(std::declval<Config&>()))>;
          if (!one_of.empty()) return "one of: " + join(one_of);
          std::string text = type_name<T>();
          if (range) text += " " + range->text(std::is_same_v<T, std::int64_t>);
          return text;
        }
      },
      field);
}

std::string ConfigKey::default_text() const {
  if (!default_override.empty()) return quoted(default_override);
  return std::visit(
      [](const auto& field) -> std::string {
        using F = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<F, std::monostate>) {
          return "";
        } else {
          Config defaults;
          const auto& value = field(defaults);
          if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>)
            if (value.empty()) return "";  // a source not configured
          return toml_text(value);
        }
      },
      field);
}

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> table = make_table();
  return table;
}

std::vector<std::string> section_keys(const std::string& section) {
  const std::string prefix = section.empty() ? "" : section + ".";
  std::vector<std::string> names;
  for (const auto& row : config_keys()) {
    const auto path = row.path();
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    const auto next = path.substr(prefix.size(), path.find('.', prefix.size()) - prefix.size());
    if (std::find(names.begin(), names.end(), next) == names.end()) names.push_back(next);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> config_sections() {
  std::vector<std::string> sections;
  for (const auto& row : config_keys()) {
    const auto first = row.section.substr(0, row.section.find('.'));
    if (std::find(sections.begin(), sections.end(), first) == sections.end())
      sections.push_back(first);
  }
  return sections;
}

std::string config_keys_markdown() {
  std::string text = "| key | value | default | meaning |\n|---|---|---|---|\n";
  for (const auto& row : config_keys()) {
    auto fallback = row.default_text();
    if (!fallback.empty() && fallback.front() == '"')
      fallback = "`" + fallback.substr(1, fallback.size() - 2) + "`";
    text += "| `" + row.path() + "` | " + row.type_text() + " | " + fallback + " | " + row.help +
            " |\n";
  }
  return text;
}

}  // namespace autood
