#include "plugin/PluginLoader.hpp"

#include <algorithm>
#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstring>
#include <fstream>

#include "autood/sdk/plugin.hpp"
#include "plugin/ElfCheck.hpp"
#include "plugin/PluginFiles.hpp"
#include "plugin/StagingRegistrar.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

// Plugin libraries are never unloaded: vtables, autograd nodes, deleters and exception objects
// from a plugin must stay valid until the process ends. The list is heap-made and never freed,
// so that no static destructor runs before objects that still need the code.
std::vector<boost::dll::shared_library>& resident_libraries() {
  static auto* libraries = new std::vector<boost::dll::shared_library>();
  return *libraries;
}

bool exports_entry(const fs::path& path, std::string& why) {
  if (auto fault = elf_fault(path); !fault.empty()) {
    why = "not a shared library (" + fault + ")";
    return false;
  }
  try {
    boost::dll::library_info info(path);
    auto symbols = info.symbols();
    if (std::find(symbols.begin(), symbols.end(), sdk::kEntryAlias) != symbols.end()) return true;
    why = std::string("does not export '") + sdk::kEntryAlias + "'";
  } catch (const std::exception& error) {
    why = std::string("not a shared library (") + error.what() + ")";
  }
  return false;
}

// A file is loaded once, however it is reached (another path, a symlink).
std::string file_key(const fs::path& file) {
  std::error_code error;
  return fs::weakly_canonical(file, error).string();
}

LoadReport rejected(LoadReport report, LoadStatus status, std::string message) {
  report.status = status;
  report.message = std::move(message);
  return report;
}

}  // namespace

PluginLoader::PluginLoader(Registry& registry, sdk::Logger& log) : registry_(registry), log_(log) {
  for (const auto& plugin : registry_.plugins()) {
    plugin_names_.insert(plugin.plugin);
    loaded_files_.insert(file_key(plugin.path));
  }
}

LoadReport PluginLoader::load_file(const fs::path& path) {
  LoadReport report;
  report.path = path.string();
  report.pack = pack_;
  std::string why;
  if (!exports_entry(path, why)) return rejected(report, LoadStatus::NotAPlugin, why);

  boost::dll::shared_library library;
  try {
    library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& error) {
    return rejected(report, LoadStatus::LoadFailed, error.what());
  }
  resident_libraries().push_back(library);

  const sdk::PluginDescriptor* descriptor = nullptr;
  try {
    descriptor = library.get_alias<sdk::EntryFunction>(sdk::kEntryAlias)();
  } catch (const std::exception& error) {
    return rejected(report, LoadStatus::NotAPlugin, error.what());
  }
  if (descriptor == nullptr) return rejected(report, LoadStatus::NotAPlugin, "entry returned null");
  if (descriptor->abi_major != sdk::kAbiMajor || descriptor->abi_minor > sdk::kAbiMinor) {
    return rejected(report, LoadStatus::AbiMismatch,
                    "wrong SDK ABI version: got " + std::to_string(descriptor->abi_major) + "." +
                        std::to_string(descriptor->abi_minor) + ", this host supports " +
                        std::to_string(sdk::kAbiMajor) + ".0 to " + std::to_string(sdk::kAbiMajor) +
                        "." + std::to_string(sdk::kAbiMinor));
  }
  report.plugin = descriptor->name ? descriptor->name : "";
  report.version = descriptor->version ? descriptor->version : "";
  const char* key = descriptor->build_key ? descriptor->build_key : "";
  if (std::strcmp(key, AUTOOD_BUILD_KEY) != 0) {
    return rejected(report, LoadStatus::BuildKeyMismatch,
                    std::string("built for ") + key + ", this host is " + AUTOOD_BUILD_KEY);
  }
  if (report.plugin.empty())
    return rejected(report, LoadStatus::NoName, "the plugin descriptor's name is empty");
  if (descriptor->register_choices == nullptr)
    return rejected(report, LoadStatus::NoFactory,
                    "the plugin descriptor has no register function");
  if (plugin_names_.count(report.plugin))
    return rejected(report, LoadStatus::Duplicate,
                    "a plugin named '" + report.plugin + "' is already loaded");
  return register_plugin(path, report, descriptor->register_choices);
}

LoadReport PluginLoader::register_plugin(const fs::path& path, LoadReport report,
                                         void (*register_choices)(sdk::Registrar&)) {
  StagingRegistrar staging(registry_, log_);
  try {
    register_choices(staging);
  } catch (const std::exception& error) {
    return rejected(report, LoadStatus::RegisterThrew,
                    std::string("register threw: ") + error.what());
  } catch (...) {
    return rejected(report, LoadStatus::RegisterThrew, "register threw a non-standard exception");
  }
  if (auto fault = staging.first_fault()) return rejected(report, fault->status, fault->message);
  report.message = staging.summary();  // before commit, which moves the choices out
  staging.commit(registry_, Provenance{report.plugin, report.version, path.string(), pack_});
  plugin_names_.insert(report.plugin);
  return report;
}

std::vector<LoadReport> PluginLoader::load_together(const std::vector<fs::path>& files,
                                                    const std::string& pack) {
  // A snapshot to return to: a registry holds descriptions and factories only, so it is cheap.
  Registry registry_before = registry_;
  auto names_before = plugin_names_;
  auto files_before = loaded_files_;
  pack_ = pack;
  std::vector<LoadReport> reports;
  for (const auto& file : files) {
    if (!loaded_files_.insert(file_key(file)).second) {
      LoadReport report;
      report.path = file.string();
      report.pack = pack;
      report.status = LoadStatus::Duplicate;
      report.message = "this file is already loaded";
      reports.push_back(report);
      continue;
    }
    reports.push_back(load_file(file));
  }
  pack_.clear();
  if (!all_ok(reports)) {
    registry_ = std::move(registry_before);
    plugin_names_ = std::move(names_before);
    loaded_files_ = std::move(files_before);
    for (auto& report : reports)
      if (report.status == LoadStatus::Ok) {
        report.status = LoadStatus::PackRejected;
        report.message = "loads, but dropped with its pack (" + report.message + ")";
      }
  }
  return reports;
}

std::vector<LoadReport> PluginLoader::load_paths(const std::vector<fs::path>& paths) {
  auto found = find_plugin_files(paths, log_);
  std::vector<LoadReport> reports = found.refused;
  for (const auto& file : found.loadable) {
    if (!loaded_files_.insert(file_key(file)).second) continue;  // the same file found twice
    reports.push_back(load_file(file));
  }
  for (const auto& report : reports)
    if (report.status != LoadStatus::Ok)
      log_.warn(std::string("skipped plugin ") + report.path + ": " + to_string(report.status) +
                ": " + report.message);
  return reports;
}

}  // namespace autood
