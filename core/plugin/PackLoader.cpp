#include "plugin/PackLoader.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "autood/sdk/abi.hpp"
#include "autood/sdk/errors.hpp"
#include "plugin/PackManifest.hpp"
#include "plugin/PluginFiles.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

PackReport rejected(PackReport report, LoadStatus status, const std::string& why) {
  report.status = status;
  report.message = "pack " + (report.name.empty() ? std::string() : "'" + report.name + "' ") +
                   "(" + report.folder + ") rejected: " + why;
  report.defaults.clear();
  return report;
}

std::string abi_text(int major, int minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// A library that failed by itself, not one dropped because another failed.
bool at_fault(const LoadReport& library) {
  return library.status != LoadStatus::Ok && library.status != LoadStatus::PackRejected;
}

// The first library that did not load, and how many others did not either.
std::string library_faults(const std::vector<LoadReport>& libraries, const fs::path& folder) {
  std::string first;
  std::size_t others = 0;
  for (const auto& library : libraries) {
    if (!at_fault(library)) continue;
    if (first.empty())
      first = fs::path(library.path).lexically_relative(folder).string() + ": " +
              to_string(library.status) + ": " + library.message;
    else
      ++others;
  }
  if (others) first += " (and " + std::to_string(others) + " more; see 'autood pack check')";
  return first;
}

// Why a file the manifest names may not be loaded: missing, or writable by others.
std::optional<std::pair<LoadStatus, std::string>> listed_file_fault(const fs::path& folder,
                                                                    const fs::path& relative,
                                                                    const std::string& named) {
  const fs::path file = folder / relative;
  std::error_code error;
  if (!fs::is_regular_file(file, error))
    return std::pair{LoadStatus::PathMissing, named + ", which is not a file in the pack"};
  if (auto why = unsafe_permissions(file, folder); !why.empty())
    return std::pair{LoadStatus::Unsafe, why};
  return std::nullopt;
}

}  // namespace

bool all_ok(const std::vector<PackReport>& reports) {
  return std::all_of(reports.begin(), reports.end(),
                     [](const PackReport& r) { return r.status == LoadStatus::Ok; });
}

PackReport PackLoader::check_and_load(const fs::path& folder) {
  PackReport report;
  report.folder = folder.string();
  std::error_code error;
  if (!fs::is_directory(folder, error))
    return rejected(report, LoadStatus::PathMissing, "the folder does not exist");
  const fs::path manifest_file = folder / kPackManifestName;
  if (auto why = unsafe_permissions(manifest_file, folder); !why.empty())
    return rejected(report, LoadStatus::Unsafe, why);

  PackManifest manifest;
  try {
    manifest = read_pack_manifest(folder);
  } catch (const sdk::InputError& bad) {
    return rejected(report, LoadStatus::BadManifest, bad.what());
  }
  report.name = manifest.name;
  report.version = manifest.version;
  report.description = manifest.description;

  if (manifest.abi_major != sdk::kAbiMajor || manifest.abi_minor > sdk::kAbiMinor)
    return rejected(report, LoadStatus::AbiMismatch,
                    "built for SDK ABI " + abi_text(manifest.abi_major, manifest.abi_minor) +
                        ", this host supports " + abi_text(sdk::kAbiMajor, 0) + " to " +
                        abi_text(sdk::kAbiMajor, sdk::kAbiMinor));
  if (manifest.build_key != AUTOOD_BUILD_KEY)
    return rejected(report, LoadStatus::BuildKeyMismatch,
                    "built for " + manifest.build_key + ", this host is " + AUTOOD_BUILD_KEY);
  if (pack_names_.count(manifest.name))
    return rejected(report, LoadStatus::Duplicate, "a pack of this name is already loaded");

  // Every listed file must be present and safe before any of them runs.
  std::vector<fs::path> files;
  for (const auto& relative : manifest.libraries) {
    if (auto fault = listed_file_fault(folder, relative, "lists '" + relative.string() + "'"))
      return rejected(report, fault->first, fault->second);
    files.push_back(folder / relative);
  }
  if (!manifest.defaults.empty()) {
    const auto& relative = manifest.defaults;
    if (auto fault =
            listed_file_fault(folder, relative, "names defaults '" + relative.string() + "'"))
      return rejected(report, fault->first, fault->second);
    report.defaults = folder / relative;
  }

  report.libraries = plugins_.load_together(files, manifest.name);
  for (const auto& library : report.libraries)
    if (at_fault(library))
      return rejected(report, library.status, library_faults(report.libraries, folder));

  pack_names_.insert(manifest.name);
  std::string registered;
  for (const auto& library : report.libraries)
    registered += (registered.empty() ? "" : "; ") + library.message;
  report.message = registered.empty() ? "no plugins (defaults only)" : registered;
  return report;
}

PackReport PackLoader::load(const fs::path& folder) {
  auto report = check_and_load(folder);
  if (report.status != LoadStatus::Ok) log_.warn("skipped " + report.message);
  return report;
}

std::vector<PackReport> PackLoader::load_all(const std::vector<fs::path>& folders) {
  std::vector<PackReport> reports;
  for (const auto& folder : folders) reports.push_back(load(folder));
  return reports;
}

}  // namespace autood
