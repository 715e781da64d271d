#include "plugin/PackManifest.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "autood/sdk/errors.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t kMaxManifestBytes = 1 << 20;  // a manifest is a few hundred bytes
constexpr std::size_t kMaxLibraries = 256;
constexpr std::size_t kMaxText = 256;  // name, version, description, build key

const std::vector<std::string> kKeys{"name",      "version",   "description", "sdk_abi",
                                     "build_key", "libraries", "defaults"};

class ManifestReader {
 public:
  ManifestReader(const toml::table& root, std::string file) : root_(root), file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::node* node, const std::string& message) const {
    std::string at = file_;
    if (node && node->source().begin)
      at += ":" + std::to_string(node->source().begin.line) + ":" +
            std::to_string(node->source().begin.column);
    throw sdk::InputError(at + ": " + message);
  }

  void check_keys() const {
    for (const auto& [key, value] : root_) {
      const std::string name(key.str());
      if (std::find(kKeys.begin(), kKeys.end(), name) == kKeys.end()) {
        std::string valid;
        for (const auto& k : kKeys) valid += (valid.empty() ? "" : ", ") + k;
        fail(&value, "unknown key " + sdk::excerpt(name) + "; valid keys: " + valid);
      }
    }
  }

  // A one-line string of at most kMaxText characters; "" when optional and absent.
  std::string text(const std::string& key, bool required) const {
    const toml::node* node = root_.get(key);
    if (node == nullptr) {
      if (required) fail(nullptr, "missing key '" + key + "'");
      return "";
    }
    if (!node->is_string()) fail(node, "'" + key + "' must be a string");
    std::string value = *node->value<std::string>();
    if (required && value.empty()) fail(node, "'" + key + "' must not be empty");
    if (value.size() > kMaxText)
      fail(node, "'" + key + "' is longer than " + std::to_string(kMaxText) + " characters");
    if (value.find_first_of("\r\n") != std::string::npos)
      fail(node, "'" + key + "' must be one line");
    return value;
  }

  // A path inside the pack's folder: relative, without '..', naming a file.
  fs::path inside(const toml::node* node, const std::string& key, const std::string& value) const {
    const fs::path path(value);
    if (value.empty() || path.is_absolute())
      fail(node, "'" + key + "' must be a path relative to the pack's folder, got " +
                     sdk::excerpt(value));
    for (const auto& part : path)
      if (part == "..")
        fail(node, "'" + key + "' must stay inside the pack's folder, got " + sdk::excerpt(value));
    const fs::path normal = path.lexically_normal();
    if (normal.filename().empty() || normal == ".")
      fail(node, "'" + key + "' must name a file, got " + sdk::excerpt(value));
    return normal;
  }

  const toml::table& root() const { return root_; }

 private:
  const toml::table& root_;
  std::string file_;
};

void read_abi(const ManifestReader& reader, PackManifest& manifest) {
  const std::string abi = reader.text("sdk_abi", true);
  const toml::node* node = reader.root().get("sdk_abi");
  const auto dot = abi.find('.');
  auto number = [&](const std::string& part) {
    if (part.empty() || part.size() > 6 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      reader.fail(node,
                  "'sdk_abi' must be \"major.minor\", such as \"4.0\", got " + sdk::excerpt(abi));
    return std::stoi(part);
  };
  if (dot == std::string::npos)
    reader.fail(node,
                "'sdk_abi' must be \"major.minor\", such as \"4.0\", got " + sdk::excerpt(abi));
  manifest.abi_major = number(abi.substr(0, dot));
  manifest.abi_minor = number(abi.substr(dot + 1));
}

void read_libraries(const ManifestReader& reader, PackManifest& manifest) {
  const toml::node* node = reader.root().get("libraries");
  if (node == nullptr) reader.fail(nullptr, "missing key 'libraries' (the plugin files it holds)");
  const toml::array* array = node->as_array();
  if (array == nullptr) reader.fail(node, "'libraries' must be an array of relative paths");
  if (array->size() > kMaxLibraries)
    reader.fail(node, "'libraries' lists " + std::to_string(array->size()) + " files; at most " +
                          std::to_string(kMaxLibraries));
  std::set<fs::path> seen;
  for (const auto& item : *array) {
    if (!item.is_string()) reader.fail(&item, "'libraries' must hold strings (relative paths)");
    const std::string value = *item.value<std::string>();
    const fs::path path = reader.inside(&item, "libraries", value);
    if (!seen.insert(path).second)
      reader.fail(&item, "'libraries' lists " + sdk::excerpt(value) + " twice");
    manifest.libraries.push_back(path);
  }
}

}  // namespace

PackManifest parse_pack_manifest(std::string_view text, const std::string& file,
                                 const fs::path& folder) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& error) {
    const auto& at = error.source().begin;
    throw sdk::InputError(file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                          ": " + std::string(error.description()));
  }
  ManifestReader reader(root, file);
  reader.check_keys();
  PackManifest manifest;
  manifest.folder = folder;
  manifest.name = reader.text("name", true);
  if (!std::all_of(manifest.name.begin(), manifest.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
      }))
    reader.fail(root.get("name"), "'name' may hold letters, digits, '-', '_' and '.', got " +
                                      sdk::excerpt(manifest.name));
  manifest.version = reader.text("version", true);
  manifest.description = reader.text("description", false);
  read_abi(reader, manifest);
  manifest.build_key = reader.text("build_key", true);
  read_libraries(reader, manifest);
  if (const toml::node* node = root.get("defaults")) {
    const std::string value = reader.text("defaults", false);
    manifest.defaults = reader.inside(node, "defaults", value);
  }
  return manifest;
}

PackManifest read_pack_manifest(const fs::path& folder) {
  const fs::path file = folder / kPackManifestName;
  std::error_code error;
  if (!fs::is_regular_file(file, error))
    throw sdk::InputError(folder.string() + ": not a pack (no " + kPackManifestName + ")");
  const auto size = fs::file_size(file, error);
  if (error) throw sdk::InputError(file.string() + ": cannot read: " + error.message());
  if (size > kMaxManifestBytes)
    throw sdk::InputError(file.string() + ": " + std::to_string(size) +
                          " bytes; a manifest is at most 1 MiB");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw sdk::InputError(file.string() + ": cannot read");
  return parse_pack_manifest(text.str(), file.string(), folder);
}

}  // namespace autood
