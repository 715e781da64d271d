#pragma once
// Writes that a kill -9 or a power cut cannot leave half done: the new content goes to a
// temporary beside the target, is flushed to disk, and is renamed over the target.
#include <filesystem>
#include <string>

namespace autood {

// Synced: flushed to the disk before the rename (a run's store, models, reports). Buffered: left to
// the page cache, for many small outputs that can be made again (anomaly map images).
enum class Durability { Synced, Buffered };

// Every write is checked: on a full disk or any failed write, the temporary is removed, the
// target keeps what it held, and sdk::InputError names the file and the system's reason.
void write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                           Durability durability = Durability::Synced);

// Makes `staged` (a complete folder) take the place of `target` in one step: an exchange where
// the file system offers it, so that `target` is never missing. Removes what `target` held.
void replace_folder_atomically(const std::filesystem::path& staged,
                               const std::filesystem::path& target);

// fsync of a file or folder, so that a rename or a new file inside it is durable.
void sync_path(const std::filesystem::path& path);

}  // namespace autood
