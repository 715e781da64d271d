#pragma once
#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace autood::sdk {

// Implemented by the host and passed to a plugin's register function. What a plugin adds is
// staged, and committed only if registration returns without throwing and no name clashes.
class AUTOOD_SDK_API Registrar {
 public:
  virtual ~Registrar();
  // One add() per kind, in the order of AUTOOD_PLUGIN_KINDS (which fixes the vtable's layout).
#define AUTOOD_REGISTRAR_ADD(kind, Choice, word) virtual void add(Choice choice) = 0;
  AUTOOD_PLUGIN_KINDS(AUTOOD_REGISTRAR_ADD)
#undef AUTOOD_REGISTRAR_ADD
  virtual Logger& log() = 0;
};

}  // namespace autood::sdk
