// A pack's manifest on any bytes: a manifest whose paths stay inside the pack, or an InputError
// naming the position. Any other exception would reach autood's main as an internal error.
#include <cstdint>
#include <string_view>

#include "autood/sdk/errors.hpp"
#include "plugin/PackManifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto manifest = autood::parse_pack_manifest(text, "pack.toml", "pack");
    // What the parser promises the loader: nothing it returns can leave the folder.
    for (const auto& library : manifest.libraries)
      if (library.is_absolute() || *library.begin() == "..") __builtin_trap();
  } catch (const autood::sdk::InputError&) {
  }
  return 0;
}
