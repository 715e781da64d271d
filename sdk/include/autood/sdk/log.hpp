#pragma once
#include <string>

#include "autood/sdk/export.hpp"

namespace autood::sdk {

// The host's logger, handed to plugins so that they never need a logging singleton of their own.
class AUTOOD_SDK_API Logger {
 public:
  virtual ~Logger();
  virtual void debug(const std::string& message) = 0;
  virtual void info(const std::string& message) = 0;
  virtual void warn(const std::string& message) = 0;
};

}  // namespace autood::sdk
