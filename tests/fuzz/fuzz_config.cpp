// The TOML config loader on any bytes: a config, or an InputError naming the position. Any
// other exception would reach autood's main as an internal error (exit 2), so it is a finding.
#include "FuzzSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    autood::load_config(autood::fuzz::as_file(data, size, ".toml"), {});
  } catch (const autood::sdk::InputError&) {
  }
  return 0;
}
