#pragma once
#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace autood::sdk {

// Implemented by the host and passed to a plugin's register function. What a plugin adds is
// staged, and committed only if registration returns without throwing and no name clashes.
class AUTOOD_SDK_API Registrar {
 public:
  virtual ~Registrar();
  // log() comes first, so that the add() overloads end the vtable and a kind appended to
  // AUTOOD_PLUGIN_KINDS only appends a slot.
  virtual Logger& log() = 0;
  // One add() per kind, in the order of AUTOOD_PLUGIN_KINDS (which fixes the vtable's layout).
#define AUTOOD_REGISTRAR_ADD(kind, Choice, word) virtual void add(Choice choice) = 0;
  AUTOOD_PLUGIN_KINDS(AUTOOD_REGISTRAR_ADD)
#undef AUTOOD_REGISTRAR_ADD
};

}  // namespace autood::sdk
