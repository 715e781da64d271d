#include "data/NewInput.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace autood {
namespace {

// A file path by its form, not by whether it exists (the search may have run in another folder or
// on another machine): a folder part, or an extension of two or more characters with a letter
// (labels.gz, x.npy), so that a column named y.1 or time.s is not taken for a file.
bool looks_like_a_path(const std::string& value) {
  const std::filesystem::path path(value);
  const std::string extension = path.extension().string();  // with its dot
  return path.has_parent_path() ||
         (extension.size() >= 3 && std::any_of(extension.begin(), extension.end(), [](char c) {
            return std::isalpha(static_cast<unsigned char>(c)) != 0;
          }));
}

}  // namespace

std::string input_option(const sdk::DatasetChoice& choice) {
  for (const char* name : {"path", "images"})
    for (const auto& param : choice.params)
      if (param.name == name) return name;
  return {};
}

bool is_given(const std::vector<std::string>& given, const std::string& key) {
  return std::any_of(given.begin(), given.end(),
                     [&](const std::string& option) { return option.rfind(key + "=", 0) == 0; });
}

void leave_out_old_source(sdk::Params& params, const sdk::DatasetChoice& choice,
                          const std::vector<std::string>& given, const std::string& how_to_give,
                          sdk::Logger& log) {
  const std::string input = input_option(choice);
  for (const auto& spec : choice.params) {
    if (spec.name == input || is_given(given, spec.name) || !params.has(spec.name)) continue;
    const auto& value = params.values().at(spec.name);
    const auto* file = std::get_if<std::string>(&value);
    const bool old_file = file && !file->empty() && looks_like_a_path(*file);
    const bool old_limit = spec.name == "limit" && value != spec.default_value;
    if (!old_file && !old_limit) continue;
    log.info(fmt::format(
        "new data in '{}' leaves out the older source's {} = {} (give {}{}=... for the new data's)",
        input, spec.name, old_file ? *file : sdk::to_string(value), how_to_give, spec.name));
    params.set(spec.name, old_file ? sdk::Value(std::string()) : spec.default_value);
  }
}

}  // namespace autood
