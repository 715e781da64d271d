#include "io/CrashPoint.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace autood {
namespace {

struct Target {
  std::string name;
  long count = 0;
};

// This process's MPI rank as the launcher set it, or "" outside MPI.
std::string launched_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
    if (const char* rank = std::getenv(name)) return rank;
  return "";
}

Target parse_target() {
  const char* text = std::getenv("AUTOOD_CRASH_AT");
  if (!text) return {};
  std::string spec(text);
  if (auto at = spec.rfind('@'); at != std::string::npos) {
    if (spec.substr(at + 1) != launched_rank()) return {};
    spec.resize(at);
  }
  auto hash = spec.rfind('#');
  if (hash == std::string::npos) return {spec, 1};
  return {spec.substr(0, hash), std::strtol(spec.c_str() + hash + 1, nullptr, 10)};
}

}  // namespace

void crash_point(const char* name) {
  static Target target = parse_target();
  if (target.name.empty() || target.name != name) return;
  if (--target.count <= 0) ::kill(::getpid(), SIGKILL);
}

}  // namespace autood
