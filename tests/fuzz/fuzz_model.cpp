// A model folder's model.toml on any bytes: a manifest, or an InputError naming the file and the
// key or position. Any other exception would reach autood's main as an internal error. What the
// reader promises `autood score`: every path it returns stays inside the model's folder, and the
// shape it returns holds at most 2^28 values per sample.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "autood/sdk/errors.hpp"
#include "model/ModelManifest.hpp"

namespace {

// Relative, and no part of it climbs out ("weights..pt" is a file name like any other).
bool inside(const std::string& path) {
  const std::filesystem::path p(path);
  if (path.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto manifest = autood::parse_model_manifest(text, "model/model.toml");
    std::int64_t values = 1;
    for (auto d : manifest.input_shape.dims) {
      if (d <= 0) __builtin_trap();
      values *= d;
    }
    if (manifest.input_shape.dims.empty() || values > (std::int64_t{1} << 28)) __builtin_trap();
    for (const auto& member : manifest.members)
      if (!inside(member.dir)) __builtin_trap();
    for (const auto& [path, digest] : manifest.checksums)
      if (!inside(path) || digest.size() != 64) __builtin_trap();
  } catch (const autood::sdk::InputError&) {
  }
  return 0;
}
