#pragma once
// Listing the images of a folder, in a stable order.
#include <filesystem>
#include <vector>

namespace autood::datasets {

// The PNG and JPEG files directly in folder, sorted by name. Throws sdk::InputError naming the
// folder when it is missing, or holds no image and empty_is_error is set.
std::vector<std::filesystem::path> image_files(const std::filesystem::path& folder, bool empty_is_error = true);

// The sub-folders of folder, sorted by name.
std::vector<std::filesystem::path> sub_folders(const std::filesystem::path& folder);

}  // namespace autood::datasets
