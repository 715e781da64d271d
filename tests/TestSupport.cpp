#include "TestSupport.hpp"

#include <unistd.h>

#include "log/Logging.hpp"
#include "plugin/PluginLoader.hpp"

namespace autood::test {

std::filesystem::path builtin_plugins() { return AUTOOD_TEST_PLUGIN_DIR; }
std::filesystem::path bad_plugins() { return AUTOOD_TEST_BAD_PLUGIN_DIR; }
std::filesystem::path faulty_plugin() { return AUTOOD_TEST_FAULTY_PLUGIN; }
std::filesystem::path source_fixtures() { return AUTOOD_TEST_SOURCE_FIXTURES; }

std::vector<std::filesystem::path> skeleton_plugins() {
  auto dir = builtin_plugins();
  return {dir / "layers/conv.so",       dir / "layers/avg_pool.so",         dir / "layers/no_norm.so",
          dir / "layers/relu.so",       dir / "hypotheses/reconstruction.so", dir / "distances/l2.so",
          dir / "controllers/random.so", dir / "datasets/idx.so"};
}

std::filesystem::path temp_dir(const std::string& name) {
  // ctest runs each test case as its own process, two at a time: the pid keeps their folders apart.
  auto dir = std::filesystem::temp_directory_path() /
             ("autood-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::unique_ptr<LoadedRegistry> load(const std::vector<std::filesystem::path>& paths) {
  auto loaded = std::make_unique<LoadedRegistry>();
  PluginLoader loader(loaded->registry, host_logger());
  loaded->reports = loader.load_paths(paths);
  return loaded;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace autood::test
