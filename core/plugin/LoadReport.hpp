#pragma once
#include <string>
#include <vector>

namespace autood {

enum class LoadStatus {
  Ok,
  NotAPlugin,
  LoadFailed,
  AbiMismatch,
  BuildKeyMismatch,
  RegisterThrew,
  Duplicate,
  NoName,        // the plugin, a choice or an option of its descriptor has an empty name
  NoFactory,     // a choice without a factory, or a plugin without a register function
  BadOption,     // an option whose range is empty or excludes its own default
  Unsafe,        // writable by others: refused before any of its code runs
  PathMissing,   // a plugin path that does not exist
  Unreadable,    // a plugin path, or an entry below it, that cannot be read (a symlink loop, say)
  BadManifest,   // a pack whose pack.toml is missing or malformed
  PackRejected,  // a library that loaded, dropped with the rest of its rejected pack
};

const char* to_string(LoadStatus status);

// What happened to one plugin file. Every file the loader looks at gets one.
struct LoadReport {
  std::string path;
  LoadStatus status = LoadStatus::Ok;
  std::string plugin;   // the plugin's own name, once it could be read
  std::string version;  // the plugin's own version, once it could be read
  std::string pack;     // the pack it belongs to, or "" when found on the plugin path
  std::string message;  // one line: what was registered, or why the file was skipped
};

bool all_ok(const std::vector<LoadReport>& reports);

}  // namespace autood
