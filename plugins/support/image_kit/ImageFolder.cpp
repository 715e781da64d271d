#include "ImageFolder.hpp"

#include <algorithm>
#include <cctype>

#include "autood/sdk/errors.hpp"

namespace autood::datasets {
namespace fs = std::filesystem;

namespace {
bool is_image(const fs::path& file) {
  auto extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}
}  // namespace

std::vector<fs::path> image_files(const fs::path& folder, bool empty_is_error) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) throw sdk::InputError(folder.string() + ": no such folder");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && is_image(entry.path())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty() && empty_is_error) throw sdk::InputError(folder.string() + ": the folder holds no PNG or JPEG image");
  return files;
}

std::vector<fs::path> sub_folders(const fs::path& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) throw sdk::InputError(folder.string() + ": no such folder");
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_directory()) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  return folders;
}

}  // namespace autood::datasets
