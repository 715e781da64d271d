#include "model/ModelBundle.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "compute/Device.hpp"
#include "io/AtomicFile.hpp"
#include "io/Sha256.hpp"
#include "model/ChildModel.hpp"
#include "model/ChildScoring.hpp"
#include "model/ChildWeights.hpp"
#include "space/ModelSpec.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

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
  std::string text = fmt::format("format = {}\nkind = {}\n", kModelFormat, quoted(kind));
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

std::string scores_csv(const std::vector<ScoredSet>& sets) {
  std::string text = "set,row,source_index,is_outlier,score\n";
  for (const auto& s : sets)
    for (std::size_t i = 0; i < s.scores->size(); ++i)
      text += fmt::format("{},{},{},{},{}\n", s.name, i,
                          i < s.set->source_index.size() ? s.set->source_index[i] : -1,
                          s.set->is_outlier[i], (*s.scores)[i]);
  return text;
}

// Writes the files of a bundle and returns their checksums, for model.toml (written last).
std::map<std::string, std::string> write_files(
    const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  std::map<std::string, std::string> checksums;
  for (const auto& [name, bytes] : files) {
    write_file_atomically(dir / name, bytes);
    checksums[name] = sha256_hex(bytes);
  }
  return checksums;
}

[[noreturn]] void bad(const fs::path& file, const std::string& what) {
  throw sdk::InputError(file.string() + ": " + what);
}

// Names every plugin the model needs that is missing or has another version.
void check_requirements(const std::vector<PluginRequirement>& needed, const Registry& registry,
                        const fs::path& file) {
  std::vector<std::string> problems;
  for (const auto& [kind, name, plugin, version] : needed) {
    const Provenance* from = provenance(registry, kind, name);
    if (!from)
      problems.push_back(kind + " '" + name + "' (plugin " + plugin + " " + version +
                         ") is not loaded");
    else if (from->version != version)
      problems.push_back(kind + " '" + name + "' needs plugin " + plugin + " " + version +
                         ", loaded " + from->plugin + " " + from->version);
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
  const auto checksums = write_files(dir, {{"config.toml", config.resolved_toml},
                                           {"weights.pt", weights.str()},
                                           {"scores.csv", scores_csv(scored)}});
  write_file_atomically(dir / "model.toml", model_toml(child, config, registry, data, facts) +
                                                checksums_toml(checksums));
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
  auto checksums =
      write_files(dir, {{"config.toml", config.resolved_toml}, {"scores.csv", scores_csv(scored)}});
  for (std::size_t m = 0; m < members.bundles.size(); ++m) {
    fs::copy(members.bundles[m], dir / member_dir(m), fs::copy_options::recursive);
    text += fmt::format("\n[[members]]\ndir = {}\ntrial = {}\nmean = {}\nstd = {}\n",
                        quoted(member_dir(m)), members.trials[m] + 1,
                        number(members.scales[m].mean), number(members.scales[m].std));
    for (const char* file : {"model.toml", "weights.pt"}) {
      const auto name = member_dir(m) + "/" + file;
      checksums[name] = sha256_of_file(dir / name);
    }
  }
  write_file_atomically(dir / "model.toml", text + checksums_toml(checksums));
}

namespace {

// An ensemble's members, each read as the model it is (its own checksums checked). Every
// member's manifest is read and its shape compared before any member is built, so that a member
// cannot claim a shape the ensemble's data never has; nested ensembles are refused.
void load_members(LoadedModel& loaded, const ModelManifest& manifest, const Registry& registry,
                  sdk::Logger& log) {
  const fs::path file = manifest.dir / "model.toml";
  std::vector<ModelManifest> members;
  for (const auto& member : manifest.members) {
    members.push_back(read_model_manifest(manifest.dir / member.dir, log));
    if (members.back().ensemble) bad(file, "member '" + member.dir + "' is itself an ensemble");
    if (members.back().input_shape.dims != manifest.input_shape.dims)
      bad(file, "member '" + member.dir + "' takes another input shape");
  }
  for (std::size_t m = 0; m < members.size(); ++m) {
    loaded.members.push_back(std::make_shared<LoadedModel>(load_model(members[m], registry, log)));
    loaded.member_scales.push_back(manifest.members[m].scale);
  }
  const auto& first = *loaded.members.front();
  loaded.child = first.child;
  loaded.feature_mean = first.feature_mean;
  loaded.feature_std = first.feature_std;
}

}  // namespace

LoadedModel load_model(const ModelManifest& manifest, const Registry& registry, sdk::Logger& log) {
  const fs::path file = manifest.dir / "model.toml";
  check_requirements(manifest.plugins, registry, file);
  LoadedModel loaded;
  loaded.dir = manifest.dir;
  loaded.config = load_config((manifest.dir / "config.toml").string(), {});
  loaded.facts = manifest.facts;
  loaded.input_shape = manifest.input_shape;
  loaded.config.score.lambda = manifest.lambda;
  if (manifest.ensemble) {
    load_members(loaded, manifest, registry, log);
    return loaded;
  }
  try {
    loaded.child =
        make_child(manifest.spec, registry, loaded.input_shape, loaded.config.hypothesis, log);
  } catch (const std::exception& error) {  // InputError or Rejected: the file's spec is at fault
    bad(file, std::string("this model cannot be built: ") + error.what());
  }

  // The bytes that are checked are the bytes that load: weights.pt is read once, into memory,
  // so that a file swapped after read_model_manifest checked it is still caught.
  const fs::path weights = manifest.dir / "weights.pt";
  std::string bytes;
  {
    std::ifstream in(weights, std::ios::binary);
    if (!in) bad(weights, "cannot read the weights: open file failed");
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  if (auto want = manifest.checksums.find("weights.pt"); want != manifest.checksums.end()) {
    if (const auto got = sha256_hex(bytes); got != want->second)
      bad(weights, fmt::format("its SHA-256 is {}, but {} records {}: the file was changed after "
                               "the model was checked",
                               got, file.string(), want->second));
  }
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.data(), bytes.size());
    read_child(loaded.child, archive);
    if (manifest.standardized) {
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

LoadedModel read_model_bundle(const fs::path& dir, const Registry& registry, sdk::Logger& log) {
  return load_model(read_model_manifest(dir, log), registry, log);
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
