#pragma once
// The one entry point of a plugin. A plugin source ends with
//   AUTOOD_PLUGIN("my_plugin", "1.0.0", register_my_plugin)
// where register_my_plugin(autood::sdk::Registrar&) adds the plugin's choices.
#include <boost/dll/alias.hpp>

#include "autood/sdk/abi.hpp"
#include "autood/sdk/registrar.hpp"

namespace autood::sdk {

// Plain fields in a fixed order: the host reads the ABI fields before trusting anything else.
struct PluginDescriptor {
  int abi_major;
  int abi_minor;
  const char* build_key;
  const char* name;
  const char* version;
  void (*register_choices)(Registrar& registrar);
};

inline constexpr const char* kEntryAlias = "autood_plugin_entry";
using EntryFunction = const PluginDescriptor*();

}  // namespace autood::sdk

#define AUTOOD_PLUGIN(NAME, VERSION, REGISTER_FUNCTION)                                        \
  namespace autood_plugin_detail {                                                             \
  const ::autood::sdk::PluginDescriptor* entry() {                                             \
    static const ::autood::sdk::PluginDescriptor descriptor{                                   \
        ::autood::sdk::kAbiMajor, ::autood::sdk::kAbiMinor, AUTOOD_BUILD_KEY, NAME, VERSION, \
        &REGISTER_FUNCTION};                                                                   \
    return &descriptor;                                                                        \
  }                                                                                            \
  }                                                                                            \
  BOOST_DLL_ALIAS(autood_plugin_detail::entry, autood_plugin_entry)
