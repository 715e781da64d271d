#include "model/ModelManifest.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <fstream>
#include <sstream>

#include "autood/sdk/errors.hpp"
#include "io/Sha256.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

const char* const kRoles[] = {"transform", "pool", "norm", "activation"};
// model.toml is a page of text; anything far larger is not one, and is not read into memory.
constexpr std::uintmax_t kMaxManifestBytes = 1 << 20;

[[noreturn]] void bad(const fs::path& file, const std::string& what) {
  throw sdk::InputError(file.string() + ": " + what);
}

// Integers are read only from integer nodes: toml++ converts a float to an integer without a
// range check (undefined for 7e37; found by tests/fuzz/fuzz_config in the config loader).
std::int64_t integer(const toml::table& table, const std::string& key, const fs::path& file) {
  if (!table[key].is_integer()) bad(file, "missing or mistyped key '" + key + "' (an integer)");
  return *table[key].value<std::int64_t>();
}

// A 1-based trial number, returned 0-based.
std::int64_t trial_of(const toml::table& table, const fs::path& file) {
  const auto trial = integer(table, "trial", file);
  if (trial < 1) bad(file, "trial must be a trial number from 1, got " + std::to_string(trial));
  return trial - 1;
}

std::string text(const toml::table& table, const std::string& key, const fs::path& file) {
  auto value = table[key].value<std::string>();
  if (!value || !table[key].is_string())
    bad(file, "missing or mistyped key '" + key + "' (a string)");
  return *value;
}

double real(const toml::table& table, const std::string& key, const fs::path& file) {
  const auto* node = table.get(key);
  if (!node || !(node->is_floating_point() || node->is_integer()))
    bad(file, "missing or mistyped key '" + key + "' (a number)");
  return *node->value<double>();
}

// A path inside the model's folder: relative, without "..", ".", empty parts or a backslash.
bool inside(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos)
    return false;
  std::istringstream parts(path);
  for (std::string part; std::getline(parts, part, '/');)
    if (part.empty() || part == "." || part == "..") return false;
  return path.back() != '/';
}

sdk::Shape read_shape(const toml::table& root, const fs::path& file) {
  const auto* shape = root["input_shape"].as_array();
  if (!shape || shape->empty()) bad(file, "missing input_shape");
  if (shape->size() > 4) bad(file, "input_shape has more than 4 dimensions");
  sdk::Shape out;
  std::int64_t values = 1;  // at most 2^28 per sample, every dimension counted as it grows
  for (const auto& d : *shape) {
    auto v = d.is_integer() ? d.value<std::int64_t>() : std::nullopt;
    if (!v || *v <= 0 || *v > (1 << 28)) bad(file, "input_shape must hold positive integers");
    values *= *v;
    if (values > (std::int64_t{1} << 28))
      bad(file, "input_shape claims more than 2^28 values per sample");
    out.dims.push_back(*v);
  }
  return out;
}

ModelSpec read_spec(const toml::table& root, const fs::path& file) {
  ModelSpec spec;
  spec.hypothesis = text(root, "hypothesis", file);
  spec.distance = text(root, "distance", file);
  const auto* layers = root["layers"].as_array();
  if (!layers || layers->empty()) bad(file, "no [[layers]]");
  if (layers->size() > 64) bad(file, "more than 64 [[layers]]");
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

std::vector<PluginRequirement> read_requirements(const toml::table& root, const fs::path& file) {
  std::vector<PluginRequirement> plugins;
  const auto* needed = root["requires"].as_array();
  if (!needed) return plugins;
  for (const auto& node : *needed) {
    const auto* r = node.as_table();
    if (!r) bad(file, "[[requires]] must hold tables");
    plugins.push_back({text(*r, "kind", file), text(*r, "name", file), text(*r, "plugin", file),
                       text(*r, "version", file)});
  }
  return plugins;
}

std::vector<EnsembleMember> read_members(const toml::table& root, const fs::path& file) {
  const auto* members = root["members"].as_array();
  if (!members || members->empty()) bad(file, "an ensemble needs [[members]]");
  if (members->size() > 64) bad(file, "more than 64 ensemble members");
  std::vector<EnsembleMember> out;
  for (const auto& node : *members) {
    const auto* member = node.as_table();
    if (!member) bad(file, "[[members]] must hold tables");
    EnsembleMember m;
    m.dir = text(*member, "dir", file);
    if (!inside(m.dir) || m.dir.find('/') != std::string::npos)
      bad(file, "member dir '" + m.dir + "' must be a folder name inside the ensemble");
    m.trial = member->contains("trial") ? trial_of(*member, file) : -1;
    m.scale = {real(*member, "mean", file), real(*member, "std", file)};
    if (!std::isfinite(m.scale.mean) || !(m.scale.std > 0) || !std::isfinite(m.scale.std))
      bad(file, "member '" + m.dir + "' needs a finite mean and a positive std");
    out.push_back(std::move(m));
  }
  return out;
}

std::map<std::string, std::string> read_checksums(const toml::table& root, const fs::path& file) {
  std::map<std::string, std::string> checksums;
  const auto* table = root["checksums"].as_table();
  if (!table) {
    if (root.contains("checksums")) bad(file, "[checksums] must be a table");
    return checksums;
  }
  for (const auto& [key, value] : *table) {
    const std::string path(key.str());
    if (!inside(path)) bad(file, "checksum of '" + path + "': not a file inside the model folder");
    const auto digest = value.value<std::string>();
    if (!value.is_string() || digest->size() != 64 ||
        digest->find_first_not_of("0123456789abcdef") != std::string::npos)
      bad(file, "checksum of '" + path + "' must be 64 lowercase hex digits (SHA-256)");
    checksums.emplace(path, *digest);
  }
  return checksums;
}

// Once a model records checksums, it records one for every file it is read from: a line taken
// out must not leave weights.pt unchecked.
void require_checksums(const ModelManifest& manifest, const fs::path& file) {
  if (manifest.checksums.empty()) return;
  std::vector<std::string> needed{"config.toml"};
  if (manifest.ensemble)
    for (const auto& member : manifest.members)
      for (const char* name : {"/model.toml", "/weights.pt"}) needed.push_back(member.dir + name);
  else
    needed.push_back("weights.pt");
  for (const auto& name : needed)
    if (!manifest.checksums.count(name))
      bad(file, "[checksums] has no entry for '" + name +
                    "'; a model that records checksums records one for every file it is read from");
}

}  // namespace

ModelManifest parse_model_manifest(std::string_view source, const fs::path& file) {
  toml::table root;
  try {
    root = toml::parse(source, file.string());
  } catch (const toml::parse_error& error) {
    const auto& at = error.source().begin;
    bad(file, std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
                  std::string(error.description()));
  }
  if (auto format = integer(root, "format", file); format != kModelFormat)
    bad(file, "model format " + std::to_string(format) + ", this autood reads " +
                  std::to_string(kModelFormat));
  ModelManifest manifest;
  manifest.dir = file.parent_path();
  if (root.contains("kind") && !root["kind"].is_string())
    bad(file, "kind must be a string: single or ensemble");
  const auto kind = root["kind"].value_or(std::string("single"));
  if (kind != "single" && kind != "ensemble")
    bad(file, "unknown model kind '" + kind + "'; valid: single, ensemble");
  manifest.ensemble = kind == "ensemble";
  auto& facts = manifest.facts;
  facts.trial = trial_of(root, file);
  facts.reward = real(root, "reward", file);
  facts.test = {real(root, "test_auroc", file), real(root, "test_aupr_in", file),
                real(root, "test_aupr_out", file)};
  facts.data_description = root["data"].value_or(std::string());
  facts.threshold = real(root, "threshold", file);
  facts.threshold_fpr = real(root, "threshold_fpr", file);
  facts.final = root["final"].value_or(false);
  facts.epochs = root["epochs"].is_integer() ? *root["epochs"].value<std::int64_t>() : 0;
  manifest.input_shape = read_shape(root, file);
  manifest.lambda = real(root, "lambda", file);
  manifest.standardized = root["standardized"].value_or(false);
  manifest.plugins = read_requirements(root, file);
  if (manifest.ensemble)
    manifest.members = read_members(root, file);
  else
    manifest.spec = read_spec(root, file);
  manifest.checksums = read_checksums(root, file);
  require_checksums(manifest, file);
  return manifest;
}

ModelManifest read_model_manifest(const fs::path& dir, sdk::Logger& log) {
  const fs::path file = dir / "model.toml";
  std::error_code error;
  if (!fs::is_regular_file(file, error))
    throw sdk::InputError(dir.string() + ": not a model folder (no model.toml)");
  const auto size = fs::file_size(file, error);
  if (error) bad(file, "cannot be read: " + error.message());
  if (size > kMaxManifestBytes)
    bad(file, fmt::format("{} bytes; a model.toml is a page of text (at most {} bytes)", size,
                          kMaxManifestBytes));
  std::ifstream in(file, std::ios::binary);
  if (!in) bad(file, "cannot be read");
  std::string text(kMaxManifestBytes + 1, '\0');  // bounded, should the file grow meanwhile
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxManifestBytes) bad(file, "grew past a page of text while being read");
  auto manifest = parse_model_manifest(text, file);
  manifest.dir = dir;
  if (manifest.checksums.empty())
    log.warn(file.string() +
             " records no [checksums] (an earlier autood wrote it): its files are not verified");
  for (const auto& [path, want] : manifest.checksums) {
    const fs::path member = dir / path;
    if (!fs::is_regular_file(member, error))
      bad(file, "lists " + path + " with a checksum, but " + member.string() + " is missing");
    const auto got = sha256_of_file(member);
    if (got != want)
      bad(member, fmt::format("its SHA-256 is {}, but {} records {}: the file was changed or "
                              "damaged after the model was saved",
                              got, file.string(), want));
  }
  return manifest;
}

std::string checksums_toml(const std::map<std::string, std::string>& checksums) {
  std::string out =
      "\n# SHA-256 of the files this model is made of; autood checks them as it "
      "reads the model.\n[checksums]\n";
  for (const auto& [path, digest] : checksums) out += "\"" + path + "\" = \"" + digest + "\"\n";
  return out;
}

}  // namespace autood
