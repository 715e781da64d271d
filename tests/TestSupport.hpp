#pragma once
// Shared helpers: where the built plugins and fixtures are, and a registry loaded from them.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "autood/sdk/log.hpp"
#include "plugin/LoadReport.hpp"
#include "plugin/Registry.hpp"

namespace autood::test {

std::filesystem::path builtin_plugins();  // the build tree's lib/autood/plugins
std::filesystem::path bad_plugins();      // the bad-plugin fixtures
std::filesystem::path faulty_plugin();    // a plugin whose choices fail on purpose
std::filesystem::path source_fixtures();  // tests/fixtures in the source tree

// The walking skeleton's plugin files only (conv, avg_pool, no_norm, relu, reconstruction, l2,
// random, idx): a small, fixed space whose counts tests can assert.
std::vector<std::filesystem::path> skeleton_plugins();
std::filesystem::path temp_dir(const std::string& name);  // a fresh, empty folder of this process

// A logger that keeps what it is told, so tests can check warnings.
class RecordingLogger : public sdk::Logger {
 public:
  void debug(const std::string& m) override { lines.push_back("debug: " + m); }
  void info(const std::string& m) override { lines.push_back("info: " + m); }
  void warn(const std::string& m) override { lines.push_back("warn: " + m); }
  std::vector<std::string> lines;
};

struct LoadedRegistry {
  Registry registry;
  std::vector<LoadReport> reports;
};

// The registry after loading the given paths with the real loader.
std::unique_ptr<LoadedRegistry> load(const std::vector<std::filesystem::path>& paths);

bool contains(const std::string& text, const std::string& part);

}  // namespace autood::test
