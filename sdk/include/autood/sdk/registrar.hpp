#pragma once
#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace autood::sdk {

// Implemented by the host and passed to a plugin's register function. What a plugin adds is
// staged, and committed only if registration returns without throwing and no name clashes.
class AUTOOD_SDK_API Registrar {
 public:
  virtual ~Registrar();
  virtual void add(HypothesisChoice choice) = 0;
  virtual void add(DistanceChoice choice) = 0;
  virtual void add(LayerOpChoice choice) = 0;
  virtual void add(ControllerChoice choice) = 0;
  virtual void add(DatasetChoice choice) = 0;
  virtual Logger& log() = 0;
};

}  // namespace autood::sdk
