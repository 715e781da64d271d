#include "run/RunFolder.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

#include "autood/sdk/errors.hpp"
#include "io/AtomicFile.hpp"

#ifndef AUTOOD_VERSION
#define AUTOOD_VERSION "unknown"
#endif

namespace autood {
namespace fs = std::filesystem;
namespace {

// FNV-1a: the marker names the run's config and space without copying them.
std::string digest(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
  return fmt::format("{:016x}", hash);
}

// The names of an autood run before the marker existed (format 0).
bool looks_like_older_run(const fs::path& dir) {
  return fs::exists(dir / "config.toml") &&
         (fs::exists(dir / "trials.sqlite") || fs::exists(dir / "trials.csv"));
}

bool in_layout(const std::string& name) {
  const auto& layout = run_layout();
  std::string stem = name;
  if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".tmp") == 0)
    stem.resize(stem.size() - 4);
  return std::find(layout.begin(), layout.end(), stem) != layout.end();
}

}  // namespace

const std::vector<std::string>& run_layout() {
  static const std::vector<std::string> layout = {kRunMarker,
                                                  kRunLockFile,
                                                  "config.toml",
                                                  "space.json",
                                                  "splits.csv",
                                                  "trials.sqlite",
                                                  "trials.sqlite-journal",
                                                  "trials.sqlite-wal",
                                                  "trials.sqlite-shm",
                                                  "controller_state.bin",
                                                  "summary.json",
                                                  "report.html",
                                                  "trials.csv",
                                                  "best",
                                                  "best.staging",
                                                  "best.old",
                                                  "finals"};
  return layout;
}

bool is_run(const fs::path& dir) { return fs::is_regular_file(dir / kRunMarker); }

bool holds_no_run_files(const fs::path& dir) {
  const std::string cut_marker = std::string(kRunMarker) + ".tmp";
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name != kRunLockFile && name != cut_marker) return false;
  }
  return true;
}

void create_run_folder(const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error)
    throw sdk::InputError("cannot create run folder " + dir.string() + ": " + error.message());
}

void write_run_marker(const fs::path& dir, const RunIdentity& identity) {
  toml::table marker{{"format", kRunFormat},
                     {"autood_version", AUTOOD_VERSION},
                     {"config_digest", digest(identity.config_toml)},
                     {"space_digest", digest(identity.space_json)},
                     {"data_fingerprint", identity.data_fingerprint},
                     {"data", identity.data_description}};
  std::ostringstream text;
  text
      << "# An autood run folder. autood writes and deletes only the names of its layout here\n"
         "# (README, \"What a run folder owns\"); anything else in this folder stops --overwrite.\n"
      << marker << "\n";
  write_file_atomically(dir / kRunMarker, text.str());
}

void require_run(const fs::path& dir) {
  const fs::path file = dir / kRunMarker;
  if (!fs::exists(file)) {
    if (looks_like_older_run(dir))
      throw sdk::InputError(fmt::format(
          "{} holds a run of an older autood (run format 0, without {}); this autood reads "
          "format {} and neither resumes nor replaces it: choose another --run-dir",
          dir.string(), kRunMarker, kRunFormat));
    throw sdk::InputError(fmt::format(
        "{} is not an autood run (it has no {}); autood writes only into a new or empty folder "
        "or a run of its own",
        dir.string(), kRunMarker));
  }
  toml::table marker;
  try {
    marker = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    const auto& at = error.source().begin;
    throw sdk::InputError(fmt::format("{}:{}:{}: {}", file.string(), at.line, at.column,
                                      std::string(error.description())));
  }
  const auto format = marker["format"].value<std::int64_t>();
  if (!format)
    throw sdk::InputError(file.string() + ": no integer 'format'; the marker is damaged");
  if (*format != kRunFormat)
    throw sdk::InputError(fmt::format(
        "{}: run format {}, written by autood {}; this autood reads format {} and neither "
        "resumes nor replaces it: choose another --run-dir",
        file.string(), *format, marker["autood_version"].value_or(std::string("(unknown)")),
        kRunFormat));
}

std::optional<fs::path> first_foreign_entry(const fs::path& dir) {
  std::vector<fs::path> foreign;
  for (const auto& entry : fs::directory_iterator(dir))
    if (!in_layout(entry.path().filename().string())) foreign.push_back(entry.path());
  if (foreign.empty()) return std::nullopt;
  return *std::min_element(foreign.begin(), foreign.end());
}

void delete_run_files(const fs::path& dir) {
  // The lock is held by this process: deleting it would free the run. The marker goes last, so
  // that a deletion cut short still leaves a run that --overwrite can finish.
  for (const auto& name : run_layout())
    if (name != kRunLockFile && name != kRunMarker) {
      fs::remove_all(dir / name);
      fs::remove_all(dir / (name + ".tmp"));
    }
  fs::remove(dir / (std::string(kRunMarker) + ".tmp"));
  fs::remove(dir / kRunMarker);
}

}  // namespace autood
