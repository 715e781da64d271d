#pragma once
#include <stdexcept>
#include <string>

#include "autood/sdk/export.hpp"

namespace autood::sdk {

// A point of the search space that cannot be built for this data; the child gets reward 0.
class AUTOOD_SDK_API Rejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  ~Rejected() override;
};

// Bad user input (a file, a value, an option). The message names the file and position or the key.
class AUTOOD_SDK_API InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  ~InputError() override;
};

// A value quoted in a message, cut to `limit` characters with its full length said, so that a
// 3 MB cell or option does not flood the terminal.
inline std::string excerpt(const std::string& text, std::size_t limit = 64) {
  if (text.size() <= limit) return "'" + text + "'";
  return "'" + text.substr(0, limit) + "...' (" + std::to_string(text.size()) + " characters)";
}

}  // namespace autood::sdk
