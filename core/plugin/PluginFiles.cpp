#include "plugin/PluginFiles.hpp"

#include <sys/stat.h>

#include <algorithm>

namespace autood {
namespace fs = std::filesystem;
namespace {

bool is_shared_library(const fs::path& path) {
  return path.extension() == ".so" || path.filename().string().find(".so.") != std::string::npos;
}

LoadReport refusal(const fs::path& path, LoadStatus status, std::string why) {
  LoadReport report;
  report.path = path.string();
  report.status = status;
  report.message = std::move(why);
  return report;
}

// World-writable, and not a sticky folder owned by root (like /tmp, where only owners may
// replace their own files): anyone could swap the library for their own code.
std::string writable_by_others(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  const bool sticky_root_folder =
      S_ISDIR(info.st_mode) && (info.st_mode & S_ISVTX) && info.st_uid == 0;
  if (!(info.st_mode & S_IWOTH) || sticky_root_folder) return "";
  return (S_ISDIR(info.st_mode) ? "the folder " : "the file ") + path.string() +
         " is writable by every user, who could replace the plugin with their own code; fix "
         "with: chmod o-w '" +
         path.string() + "'";
}

// A plugin path that is neither a file nor a folder: missing, or there but unreadable (a loop
// of symbolic links, no permission), which is not the same advice.
LoadReport unusable_path(const fs::path& path, const fs::file_status& status,
                         const std::error_code& error) {
  if (!error || status.type() == fs::file_type::not_found)
    return refusal(path, LoadStatus::PathMissing,
                   "the plugin path does not exist or is not a folder");
  if (error == std::errc::too_many_symbolic_link_levels)
    return refusal(path, LoadStatus::Unreadable,
                   "the plugin path is a loop of symbolic links (" + error.message() + ")");
  return refusal(path, LoadStatus::Unreadable, "cannot read the plugin path: " + error.message());
}

}  // namespace

std::string unsafe_permissions(const fs::path& file, const fs::path& root) {
  if (auto why = writable_by_others(file); !why.empty()) return why;
  const auto top = root.lexically_normal();
  for (fs::path folder = file.parent_path(); !folder.empty(); folder = folder.parent_path()) {
    if (auto why = writable_by_others(folder); !why.empty()) return why;
    if (folder.lexically_normal() == top || folder == folder.parent_path()) break;
  }
  return "";
}

PluginFiles find_plugin_files(const std::vector<fs::path>& paths, sdk::Logger& log) {
  PluginFiles found;
  auto take = [&](const fs::path& file, const fs::path& root) {
    if (auto why = unsafe_permissions(file, root); !why.empty())
      found.refused.push_back(refusal(file, LoadStatus::Unsafe, why));
    else
      found.loadable.push_back(file);
  };
  for (const auto& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (fs::is_regular_file(status)) {
      take(path, path.parent_path());
      continue;
    }
    if (!fs::is_directory(status)) {
      found.refused.push_back(unusable_path(path, status, error));
      continue;
    }
    // Entries that cannot be read (a symlink loop, a dangling link, no permission) are skipped
    // with a warning; the walk goes on.
    std::vector<fs::path> libraries;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::error_code entry_error;
      const bool regular = it->is_regular_file(entry_error);
      if (entry_error) {
        if (is_shared_library(it->path()))
          found.refused.push_back(
              refusal(it->path(), LoadStatus::Unreadable, entry_error.message()));
        else
          log.warn("plugin path: skipped " + it->path().string() + ": " + entry_error.message());
        continue;
      }
      if (regular && is_shared_library(it->path())) libraries.push_back(it->path());
    }
    if (error) log.warn("plugin path: stopped reading " + path.string() + ": " + error.message());
    std::sort(libraries.begin(), libraries.end());
    for (const auto& file : libraries) take(file, path);
  }
  return found;
}

}  // namespace autood
