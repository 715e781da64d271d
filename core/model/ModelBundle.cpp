#include "model/ModelBundle.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "io/AtomicFile.hpp"
#include "model/ChildModel.hpp"
#include "model/ChildWeights.hpp"
#include "space/ModelSpec.hpp"
#include "train/ChildTrainer.hpp"
#include "train/Device.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kFormat = 1;
const char* const kRoles[] = {"transform", "pool", "norm", "activation"};

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out + "\"";
}

// The shortest text that reads back to the same double (fmt's default): 0.05, not
// 0.050000000000000003. A whole number keeps a ".0", so that TOML reads a float (an integer
// above 2^53 would not convert back to a double).
std::string number(double value) {
  if (std::isnan(value)) return "nan";
  auto text = fmt::format("{}", value);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // "inf" has an 'n'
  return text;
}

// The plugin that registered a choice of the kind users call `kind` ("hypothesis", ...), or null.
const Provenance* provenance(const Registry& registry, const std::string& kind,
                             const std::string& name) {
  auto known = kind_named(kind);
  return known ? registry.provenance(*known, name) : nullptr;
}

std::vector<PluginRequirement> requirements(const ModelSpec& spec, const Registry& registry) {
  std::vector<PluginRequirement> needed;
  auto add = [&](const std::string& kind, const std::string& name) {
    for (const auto& n : needed)
      if (n.kind == kind && n.name == name) return;
    const auto& from = *provenance(registry, kind, name);  // the child was built from it
    needed.push_back({kind, name, from.plugin, from.version});
  };
  add("hypothesis", spec.hypothesis);
  add("distance", spec.distance);
  for (const auto& layer : spec.layers)
    for (const auto* op : {&layer.transform, &layer.pool, &layer.norm, &layer.activation})
      if (!op->op.empty()) add("layer", op->op);
  return needed;
}

// What every model.toml holds, single or ensemble: where it came from and how to score with it.
std::string facts_toml(const Config& config, const DataSplits& data, const ModelFacts& facts,
                       const std::string& kind) {
  std::string text = fmt::format("format = {}\nkind = {}\n", kFormat, quoted(kind));
  text += fmt::format("trial = {}\nreward = {}\n", facts.trial + 1, number(facts.reward));
  text += fmt::format("final = {}\nepochs = {}\n", facts.final ? "true" : "false", facts.epochs);
  text += fmt::format("test_auroc = {}\ntest_aupr_in = {}\ntest_aupr_out = {}\n",
                      number(facts.test.auroc), number(facts.test.aupr_in),
                      number(facts.test.aupr_out));
  text += "data = " + quoted(facts.data_description) + "\n";
  std::string shape;
  for (auto d : data.shape.dims) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
  text += "input_shape = [" + shape + "]\n";
  text += fmt::format("lambda = {}\n", number(config.score.lambda));
  text += fmt::format("threshold = {}\nthreshold_fpr = {}\n", number(facts.threshold),
                      number(facts.threshold_fpr));
  text += fmt::format("standardized = {}\n", data.feature_mean.defined() ? "true" : "false");
  return text;
}

std::string model_toml(const Child& child, const Config& config, const Registry& registry,
                       const DataSplits& data, const ModelFacts& facts) {
  std::string text =
      fmt::format("# autood model: trial {}{}, validation reward {:.4f}\n", facts.trial + 1,
                  facts.final ? " trained again" : "", facts.reward);
  text += facts_toml(config, data, facts, "single");
  text += to_toml(child.spec);
  for (const auto& r : requirements(child.spec, registry))
    text += "\n[[requires]]\nkind = " + quoted(r.kind) + "\nname = " + quoted(r.name) +
            "\nplugin = " + quoted(r.plugin) + "\nversion = " + quoted(r.version) + "\n";
  return text;
}

std::string member_dir(std::size_t m) { return "member-" + std::to_string(m + 1); }

void write_text(const fs::path& path, const std::string& text) {
  write_file_atomically(path, text);
}

void write_scores(const fs::path& path, const std::vector<ScoredSet>& sets) {
  std::string text = "set,row,source_index,is_outlier,score\n";
  for (const auto& s : sets)
    for (std::size_t i = 0; i < s.scores->size(); ++i)
      text += fmt::format("{},{},{},{},{}\n", s.name, i,
                          i < s.set->source_index.size() ? s.set->source_index[i] : -1,
                          s.set->is_outlier[i], (*s.scores)[i]);
  write_text(path, text);
}

[[noreturn]] void bad(const fs::path& file, const std::string& what) {
  throw sdk::InputError(file.string() + ": " + what);
}

// Integers are read only from integer nodes: toml++ converts a float to an integer without a
// range check (undefined for 7e37; found by tests/fuzz/fuzz_config in the config loader).
template <typename T>
T required(const toml::table& table, const std::string& key, const fs::path& file) {
  if constexpr (std::is_same_v<T, std::int64_t>)
    if (!table[key].is_integer()) bad(file, "missing or mistyped key '" + key + "'");
  auto value = table[key].value<T>();
  if (!value) bad(file, "missing or mistyped key '" + key + "'");
  return *value;
}

double real(const toml::table& table, const std::string& key, const fs::path& file) {
  const auto* node = table.get(key);
  if (!node || !(node->is_floating_point() || node->is_integer()))
    bad(file, "missing or mistyped key '" + key + "'");
  return *node->value<double>();
}

ModelSpec read_spec(const toml::table& root, const fs::path& file) {
  ModelSpec spec;
  spec.hypothesis = required<std::string>(root, "hypothesis", file);
  spec.distance = required<std::string>(root, "distance", file);
  const auto* layers = root["layers"].as_array();
  if (!layers || layers->empty()) bad(file, "no [[layers]]");
  for (const auto& node : *layers) {
    const auto* table = node.as_table();
    if (!table) bad(file, "[[layers]] must hold tables");
    LayerSpec layer;
    OpSpec* slots[] = {&layer.transform, &layer.pool, &layer.norm, &layer.activation};
    for (int r = 0; r < 4; ++r) {
      slots[r]->op = (*table)[kRoles[r]].value_or(std::string());
      const std::string prefix = std::string(kRoles[r]) + "_";
      for (const auto& [key, value] : *table) {
        std::string k(key.str());
        if (k.rfind(prefix, 0) != 0) continue;
        auto v = value.is_integer() ? value.value<std::int64_t>() : std::nullopt;
        if (!v) bad(file, "layer option '" + k + "' must be an integer");
        slots[r]->args.emplace_back(k.substr(prefix.size()), *v);
      }
    }
    spec.layers.push_back(std::move(layer));
  }
  return spec;
}

// Names every plugin the model needs that is missing or has another version.
void check_requirements(const toml::table& root, const Registry& registry, const fs::path& file) {
  std::vector<std::string> problems;
  if (const auto* needed = root["requires"].as_array()) {
    for (const auto& node : *needed) {
      const auto* r = node.as_table();
      if (!r) bad(file, "[[requires]] must hold tables");
      auto kind = required<std::string>(*r, "kind", file);
      auto name = required<std::string>(*r, "name", file);
      auto plugin = required<std::string>(*r, "plugin", file);
      auto version = required<std::string>(*r, "version", file);
      const Provenance* from = provenance(registry, kind, name);
      if (!from)
        problems.push_back(kind + " '" + name + "' (plugin " + plugin + " " + version +
                           ") is not loaded");
      else if (from->version != version)
        problems.push_back(kind + " '" + name + "' needs plugin " + plugin + " " + version +
                           ", loaded " + from->plugin + " " + from->version);
    }
  }
  if (problems.empty()) return;
  std::string text;
  for (const auto& p : problems) text += "\n  " + p;
  bad(file, "this model needs plugins that are not loaded as it was trained:" + text);
}

}  // namespace

double threshold_at_fpr(const std::vector<double>& scores, const std::vector<int>& is_outlier,
                        double fpr) {
  std::vector<double> inliers;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (!is_outlier[i]) inliers.push_back(scores[i]);
  if (inliers.empty()) return std::nan("");
  std::sort(inliers.begin(), inliers.end());
  // At most floor(fpr * n) inliers may lie above the threshold.
  const auto above =
      static_cast<std::size_t>(std::floor(fpr * static_cast<double>(inliers.size())));
  return inliers[inliers.size() - 1 - std::min(above, inliers.size() - 1)];
}

void write_model_bundle(const fs::path& dir, const Child& child, const Config& config,
                        const Registry& registry, const DataSplits& data, const ModelFacts& facts,
                        const std::vector<ScoredSet>& scored) {
  fs::create_directories(dir);
  write_text(dir / "model.toml", model_toml(child, config, registry, data, facts));
  write_text(dir / "config.toml", config.resolved_toml);
  torch::serialize::OutputArchive archive;
  write_child(child, archive);
  if (data.feature_mean.defined()) {
    archive.write("feature_mean", data.feature_mean);
    archive.write("feature_std", data.feature_std);
  }
  // Serialised in memory, then written like every other file: LibTorch's file writer throws from
  // its destructor when the disk is full, which ends the process (std::terminate).
  std::ostringstream weights;
  archive.save_to(weights);
  write_file_atomically(dir / "weights.pt", weights.str());
  write_scores(dir / "scores.csv", scored);
}

void write_ensemble_bundle(const fs::path& dir, const EnsembleMembers& members,
                           const Config& config, const DataSplits& data, const ModelFacts& facts,
                           const std::vector<ScoredSet>& scored) {
  fs::create_directories(dir);
  std::string text = fmt::format(
      "# autood model: an ensemble of {} final models, validation "
      "reward {:.4f}\n",
      members.bundles.size(), facts.reward);
  text += facts_toml(config, data, facts, "ensemble");
  for (std::size_t m = 0; m < members.bundles.size(); ++m) {
    fs::copy(members.bundles[m], dir / member_dir(m), fs::copy_options::recursive);
    text += fmt::format("\n[[members]]\ndir = {}\ntrial = {}\nmean = {}\nstd = {}\n",
                        quoted(member_dir(m)), members.trials[m] + 1,
                        number(members.scales[m].mean), number(members.scales[m].std));
  }
  write_text(dir / "model.toml", text);
  write_text(dir / "config.toml", config.resolved_toml);
  write_scores(dir / "scores.csv", scored);
}

namespace {

// An ensemble's members, each read as the model it is; nested ensembles are refused.
void read_members(LoadedModel& loaded, const toml::table& root, const fs::path& file,
                  const Registry& registry, sdk::Logger& log) {
  const auto* members = root["members"].as_array();
  if (!members || members->empty()) bad(file, "an ensemble needs [[members]]");
  if (members->size() > 64) bad(file, "more than 64 ensemble members");
  for (const auto& node : *members) {
    const auto* member = node.as_table();
    if (!member) bad(file, "[[members]] must hold tables");
    const auto name = required<std::string>(*member, "dir", file);
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
      bad(file, "member dir '" + name + "' must be a folder name inside the ensemble");
    ScoreScale scale{real(*member, "mean", file), real(*member, "std", file)};
    if (!std::isfinite(scale.mean) || !(scale.std > 0) || !std::isfinite(scale.std))
      bad(file, "member '" + name + "' needs a finite mean and a positive std");
    auto model = std::make_shared<LoadedModel>(read_model_bundle(loaded.dir / name, registry, log));
    if (model->is_ensemble()) bad(file, "member '" + name + "' is itself an ensemble");
    if (model->input_shape.dims != loaded.input_shape.dims)
      bad(file, "member '" + name + "' takes another input shape");
    loaded.members.push_back(std::move(model));
    loaded.member_scales.push_back(scale);
  }
  const auto& first = *loaded.members.front();
  loaded.child = first.child;
  loaded.feature_mean = first.feature_mean;
  loaded.feature_std = first.feature_std;
}

}  // namespace

LoadedModel read_model_bundle(const fs::path& dir, const Registry& registry, sdk::Logger& log) {
  const fs::path file = dir / "model.toml";
  if (!fs::exists(file))
    throw sdk::InputError(dir.string() + ": not a model folder (no model.toml)");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    const auto& at = error.source().begin;
    bad(file, std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
                  std::string(error.description()));
  }
  if (auto format = required<std::int64_t>(root, "format", file); format != kFormat)
    bad(file, "model format " + std::to_string(format) + ", this autood reads " +
                  std::to_string(kFormat));
  const auto kind = root["kind"].value_or(std::string("single"));
  if (kind != "single" && kind != "ensemble")
    bad(file, "unknown model kind '" + kind + "'; valid: single, ensemble");
  check_requirements(root, registry, file);

  LoadedModel loaded;
  loaded.dir = dir;
  loaded.config = load_config((dir / "config.toml").string(), {});
  loaded.facts.trial = required<std::int64_t>(root, "trial", file) - 1;
  loaded.facts.reward = real(root, "reward", file);
  loaded.facts.test = {real(root, "test_auroc", file), real(root, "test_aupr_in", file),
                       real(root, "test_aupr_out", file)};
  loaded.facts.data_description = root["data"].value_or(std::string());
  loaded.facts.threshold = real(root, "threshold", file);
  loaded.facts.threshold_fpr = real(root, "threshold_fpr", file);
  loaded.facts.final = root["final"].value_or(false);
  loaded.facts.epochs = root["epochs"].is_integer() ? *root["epochs"].value<std::int64_t>() : 0;
  const auto* shape = root["input_shape"].as_array();
  if (!shape || shape->empty()) bad(file, "missing input_shape");
  if (shape->size() > 4) bad(file, "input_shape has more than 4 dimensions");
  std::int64_t values = 1;  // at most 2^28 per sample, checked as the product grows
  for (const auto& d : *shape) {
    auto v = d.is_integer() ? d.value<std::int64_t>() : std::nullopt;
    if (!v || *v <= 0 || *v > (1 << 20)) bad(file, "input_shape must hold positive integers");
    values *= *v;
    if (values > (std::int64_t{1} << 28))
      bad(file, "input_shape claims more than 2^28 values per sample");
    loaded.input_shape.dims.push_back(*v);
  }
  loaded.config.score.lambda = real(root, "lambda", file);
  if (kind == "ensemble") {
    read_members(loaded, root, file, registry, log);
    return loaded;
  }
  const auto spec = read_spec(root, file);
  try {
    loaded.child = make_child(spec, registry, loaded.input_shape, loaded.config.hypothesis, log);
  } catch (const std::exception& error) {  // InputError or Rejected: the file's spec is at fault
    bad(file, std::string("this model cannot be built: ") + error.what());
  }

  const fs::path weights = dir / "weights.pt";
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(weights.string());
    read_child(loaded.child, archive);
    if (root["standardized"].value_or(false)) {
      archive.read("feature_mean", loaded.feature_mean);
      archive.read("feature_std", loaded.feature_std);
    }
  } catch (const c10::Error& error) {
    bad(weights, std::string("cannot read the weights: ") + error.what_without_backtrace());
  } catch (const std::runtime_error& error) {  // a tensor that does not fit the architecture
    bad(weights, error.what());
  }
  if (loaded.feature_mean.defined() && !(torch::isfinite(loaded.feature_mean).all().item<bool>() &&
                                         torch::isfinite(loaded.feature_std).all().item<bool>()))
    bad(weights, "feature_mean or feature_std holds values that are not finite");
  return loaded;
}

c10::Device place_on_device(LoadedModel& model) {
  auto device = resolve_device(model.config.train.device);
  model.child.model->to(device);
  model.child.hypothesis->to(device);
  for (auto& member : model.members) place_on_device(*member);
  return device;
}

at::Tensor model_scores(LoadedModel& model, const at::Tensor& samples) {
  auto device = place_on_device(model);
  if (!model.is_ensemble())
    return score_samples(model.child, samples, model.config.score.lambda, device);
  std::vector<std::vector<double>> member_scores;
  for (auto& member : model.members)
    member_scores.push_back(to_doubles(model_scores(*member, samples)));
  auto combined = combine_scores(member_scores, model.member_scales);
  return torch::tensor(combined, torch::kDouble);
}

}  // namespace autood
