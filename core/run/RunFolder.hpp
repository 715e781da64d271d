#pragma once
// What a run folder owns. A folder is a run only if it holds the marker autood-run.toml, which
// autood writes first, with the folder's format, the autood that made it and the run's identity.
// autood deletes only the names its layout lists (run_layout()), and only in a run: a folder that
// holds anything else is refused, naming the first foreign file, and is never touched.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "run/RunIdentity.hpp"

namespace autood {

// The run-folder format this autood writes and reads. Format 0 is the layout before the marker.
constexpr int kRunFormat = 1;

inline const char* kRunMarker = "autood-run.toml";
inline const char* kRunLockFile = "autood-run.lock";

// The top-level names autood writes into a run folder; each may also appear with ".tmp" after
// it, a write that was cut short.
const std::vector<std::string>& run_layout();

// Whether `dir` holds the marker.
bool is_run(const std::filesystem::path& dir);

// Whether the folder `dir` holds nothing, or only what a run that never began leaves: its lock,
// or a marker whose write was cut short. A new run may go there.
bool holds_no_run_files(const std::filesystem::path& dir);

// Creates `dir` and its parents; throws sdk::InputError naming it when it cannot.
void create_run_folder(const std::filesystem::path& dir);

// Writes the marker into `dir` (before anything else of the run).
void write_run_marker(const std::filesystem::path& dir, const RunIdentity& identity);

// Throws sdk::InputError unless `dir` holds a marker of this format, naming the file and what is
// wrong: no marker (and whether the folder looks like an older autood's run), a damaged one, or
// another format with the autood that wrote it.
void require_run(const std::filesystem::path& dir);

// The first entry of `dir`, by name, that the layout does not list; nullopt if there is none.
std::optional<std::filesystem::path> first_foreign_entry(const std::filesystem::path& dir);

// Deletes the layout's names from the run in `dir`, except the lock, and nothing else.
// Call only on a run (require_run) without foreign entries, holding its lock.
void delete_run_files(const std::filesystem::path& dir);

}  // namespace autood
