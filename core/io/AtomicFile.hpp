#pragma once
// Writes that a kill -9 or a power cut cannot leave half done: the new content goes to a
// temporary beside the target, is flushed to disk, and is renamed over the target.
#include <filesystem>
#include <string>

namespace autood {

void write_file_atomically(const std::filesystem::path& path, const std::string& bytes);

// Makes `staged` (a complete folder) take the place of `target` in one step: an exchange where
// the file system offers it, so that `target` is never missing. Removes what `target` held.
void replace_folder_atomically(const std::filesystem::path& staged,
                               const std::filesystem::path& target);

// fsync of a file or folder, so that a rename or a new file inside it is durable.
void sync_path(const std::filesystem::path& path);

}  // namespace autood
