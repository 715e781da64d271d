#pragma once
// Loads one built plugin of the pack the way the host does (dlopen, the entry alias, the register
// function) and keeps what it registers, so that the pack's tests need the SDK alone.
#include <dlfcn.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "autood/sdk/log.hpp"
#include "autood/sdk/plugin.hpp"
#include "autood/sdk/registrar.hpp"

namespace timeseries::test {

class QuietLogger : public autood::sdk::Logger {
 public:
  void debug(const std::string&) override {}
  void info(const std::string&) override {}
  void warn(const std::string&) override {}
};

// A Registrar that records every choice, one list per kind (made from the SDK's kind list).
class RecordingRegistrar : public autood::sdk::Registrar {
 public:
#define TIMESERIES_RECORD(kind, Choice, word) \
  void add(autood::sdk::Choice choice) override { kind.push_back(std::move(choice)); }
  AUTOOD_PLUGIN_KINDS(TIMESERIES_RECORD)
#undef TIMESERIES_RECORD
  autood::sdk::Logger& log() override { return logger; }

#define TIMESERIES_LIST(kind, Choice, word) std::vector<autood::sdk::Choice> kind;
  AUTOOD_PLUGIN_KINDS(TIMESERIES_LIST)
#undef TIMESERIES_LIST
  QuietLogger logger;
};

// Loads lib/<name>.so of the built pack; the library stays loaded, as in the host.
inline RecordingRegistrar load_plugin(const std::string& name) {
  const std::string path = std::string(TIMESERIES_PACK_LIB) + "/" + name + ".so";
  void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) throw std::runtime_error(path + ": " + dlerror());
  // BOOST_DLL_ALIAS exports a pointer to the entry function under the alias's name.
  auto* alias = dlsym(library, autood::sdk::kEntryAlias);
  if (!alias) throw std::runtime_error(path + ": no " + autood::sdk::kEntryAlias);
  auto entry = *reinterpret_cast<autood::sdk::EntryFunction**>(alias);
  const auto* descriptor = entry();
  if (descriptor->abi_major != autood::sdk::kAbiMajor)
    throw std::runtime_error(path + ": built for another SDK ABI");
  RecordingRegistrar registrar;
  descriptor->register_choices(registrar);
  return registrar;
}

}  // namespace timeseries::test
