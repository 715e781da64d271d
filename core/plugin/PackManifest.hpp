#pragma once
// A pack's pack.toml: what the folder holds and what it was built for. Reading it checks only
// the manifest itself (keys, types, paths that stay inside the folder); whether the pack fits
// this host and its libraries load is PackLoader's part. Torch-free, so that it can be fuzzed.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace autood {

inline constexpr const char* kPackManifestName = "pack.toml";

struct PackManifest {
  std::filesystem::path folder;  // the pack's folder; every path below is relative to it
  std::string name;              // letters, digits, '-', '_' and '.'
  std::string version;
  std::string description;  // one line
  int abi_major = 0;        // the SDK ABI its libraries were built for, "major.minor"
  int abi_minor = 0;
  std::string build_key;                         // AUTOOD_BUILD_KEY of the build
  std::vector<std::filesystem::path> libraries;  // plugin libraries, in load order
  std::filesystem::path defaults;                // a config fragment, or empty
};

// Parses the text of `file` (which is `folder`/pack.toml). Throws sdk::InputError naming the
// file, the line and the key at fault.
PackManifest parse_pack_manifest(std::string_view text, const std::string& file,
                                 const std::filesystem::path& folder);

// Reads `folder`/pack.toml, refusing a missing or oversized file before parsing it.
PackManifest read_pack_manifest(const std::filesystem::path& folder);

}  // namespace autood
