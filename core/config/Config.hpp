#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "autood/sdk/value.hpp"

namespace autood {

// A plugin's options as written in the config, before they are checked against what the plugin
// declares. `where` is "file:line:column" (or "--set"), for error messages.
struct RawOption {
  sdk::Value value;
  std::string where;
};
using RawOptions = std::map<std::string, RawOption>;

struct SearchConfig {
  std::int64_t layers = 3;   // N, the number of encoder layers
  std::int64_t budget = 12;  // children evaluated
  std::int64_t batch = 4;    // children proposed per controller step
  std::int64_t seed = 0;
};

struct ControllerConfig {
  std::string name = "random";
  bool common_random_numbers = false;  // every controller starts from the search seed itself
  RawOptions options;  // every other key of [controller], checked against the controller
};

struct TrainConfig {
  std::int64_t epochs = 2;
  std::int64_t batch_size = 64;
  double lr = 1e-3;
  double max_seconds = 0;       // wall-time cap per child; 0 means none
  std::int64_t threads = 0;     // 0 means every core
  std::string device = "auto";  // auto, cpu or cuda
  bool shuffle = true;          // reshuffle the training data every epoch
  // A search child trains on at most this many training samples (a fidelity knob, like epochs);
  // 0 means all. Final training always uses all of them.
  std::int64_t subset = 0;
};

// [prune]: stopping hopeless children early. With rule "median", a child's validation reward is
// measured after `at_epoch` epochs; if the search's earlier batches hold at least `warmup` such
// rewards and this one is below their median, the child stops there and is recorded as pruned,
// its partial reward given to the controller (Optuna's MedianPruner, at one step).
struct PruneConfig {
  std::string rule = "none";  // none or median
  std::int64_t at_epoch = 1;  // must be below train.epochs to have any effect
  std::int64_t warmup = 8;
  bool enabled(const TrainConfig& train) const {
    return rule == "median" && at_epoch < train.epochs;
  }
};

// [final]: after the search, the best architectures are trained again at full fidelity.
struct FinalConfig {
  std::int64_t top_k = 0;     // distinct architectures retrained, best by search reward; 0: none
  std::int64_t epochs = 0;    // their epochs; 0 means train.epochs
  double max_seconds = 0;     // wall-time cap per final child; 0 means none
  std::int64_t ensemble = 1;  // K >= 2: the model is the K best finals, scores combined
  // Each final keeps the weights of its epoch with the best validation reward, not its last.
  bool keep_best_epoch = false;
};

struct ScoreConfig {
  double lambda = 1.0;  // weight of the hypothesis term in score = DIST + lambda * REG
  // A saved model's 0/1 threshold: the score that this share of validation inliers exceeds.
  double threshold_fpr = 0.05;
};

// [hypothesis.<name>] options, checked against what that hypothesis declares.
struct HypothesisConfig {
  std::map<std::string, RawOptions> options;
};

// Where samples come from: a dataset loader plugin and its options.
struct SourceConfig {
  std::string loader;
  RawOptions options;
  std::string section;  // "data.source", for error messages
};

struct DataConfig {
  std::string protocol = "one_class";
  double contamination = 0.05;
  std::vector<std::int64_t> normal_classes{0};
  std::vector<double> split{0.6, 0.2, 0.2};  // train : validation : test
  std::int64_t limit = 0;              // at most this many normal samples in all; 0 means no limit
  std::string pixel_metric = "auroc";  // segmentation's reward: auroc (pixel AUROC) or pro
  bool standardize = true;  // tables and series: features (channels) standardised by the training
                            // split's statistics
  // one_class, labels in training: this share of the search's labelled outliers (as many as
  // data.contamination gives validation) goes to the training split instead, marked as
  // outliers; the rest stays for validation, so no child is rewarded on what it trained on.
  double train_outliers = 0;
  // one_class: the classes whose samples are the search's labelled outliers, in training and
  // validation; empty means every class not in normal_classes. The test set's outliers are those
  // of test_outlier_classes; empty means all. Unseen anomaly types: give the two lists apart.
  std::vector<std::int64_t> outlier_classes;
  std::vector<std::int64_t> test_outlier_classes;
  // Where the search's outliers come from: "labelled" (real outliers of the source, above) or
  // "synthetic" (made by anomaly generators from held-out normal samples; no outlier is read
  // for the search, only for the test set). `generators` names the generator plugins, which
  // share the outliers in turn; empty means every loaded one that takes the data's shape.
  std::string validation = "labelled";
  std::vector<std::string> generators;
  std::map<std::string, RawOptions> generator_options;  // [data.generator.<name>]
  SourceConfig source;
  SourceConfig outliers;  // ood: where the outliers come from; loader empty when not configured
  // The data's official test split (the standard benchmark protocol): every sample is tested.
  // one_class labels it by normal_classes; ood takes it as inliers beside test_outliers.
  SourceConfig test;
  SourceConfig test_outliers;
};

// [space.<op>] <decision> = [...] narrows an op's options, e.g. [space.conv] channels = [8, 16].
struct SpaceConfig {
  std::map<std::string, RawOptions> narrow;  // op name -> decision name -> allowed values
};

struct PluginsConfig {
  std::vector<std::string> paths;
  std::vector<std::string> packs;  // pack folders (each holding a pack.toml)
  bool builtin = true;             // also load the plugins installed beside the autood binary
  bool strict = false;             // any plugin that fails to load is an error
};

struct Config {
  std::string file;  // the file it was read from, or "" for defaults
  SearchConfig search;
  ControllerConfig controller;
  TrainConfig train;
  ScoreConfig score;
  FinalConfig final;
  PruneConfig prune;
  HypothesisConfig hypothesis;
  DataConfig data;
  SpaceConfig space;
  PluginsConfig plugins;
  std::string resolved_toml;  // the whole config after overrides, as TOML, for the run folder
};

// Reads a config file (or defaults when `path` is empty), applies `--set key=value` overrides
// and checks every key. Throws sdk::InputError naming the file, line and key on any problem.
// `defaults` are config fragments of loaded packs, laid under the file, the later over the earlier.
Config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   const std::vector<std::string>& defaults = {});

// Only the [plugins] section of the file after overrides: what to load before the rest is read,
// since the packs it names may bring defaults for the rest.
PluginsConfig read_plugins_config(const std::string& path,
                                  const std::vector<std::string>& overrides);

// Checks a plugin's raw options against its declared parameters and fills in defaults.
sdk::Params resolve_options(const std::vector<sdk::ParamSpec>& specs, const RawOptions& raw,
                            const std::string& section);

}  // namespace autood
