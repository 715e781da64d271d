#include "plugin/LoadReport.hpp"

#include <algorithm>

namespace autood {

const char* to_string(LoadStatus status) {
  switch (status) {
    case LoadStatus::Ok:
      return "Ok";
    case LoadStatus::NotAPlugin:
      return "NotAPlugin";
    case LoadStatus::LoadFailed:
      return "LoadFailed";
    case LoadStatus::AbiMismatch:
      return "AbiMismatch";
    case LoadStatus::BuildKeyMismatch:
      return "BuildKeyMismatch";
    case LoadStatus::RegisterThrew:
      return "RegisterThrew";
    case LoadStatus::Duplicate:
      return "Duplicate";
    case LoadStatus::NoName:
      return "NoName";
    case LoadStatus::NoFactory:
      return "NoFactory";
    case LoadStatus::BadOption:
      return "BadOption";
    case LoadStatus::Unsafe:
      return "Unsafe";
    case LoadStatus::PathMissing:
      return "PathMissing";
    case LoadStatus::Unreadable:
      return "Unreadable";
    case LoadStatus::BadManifest:
      return "BadManifest";
    case LoadStatus::PackRejected:
      return "PackRejected";
  }
  return "?";
}

bool all_ok(const std::vector<LoadReport>& reports) {
  return std::all_of(reports.begin(), reports.end(),
                     [](const LoadReport& r) { return r.status == LoadStatus::Ok; });
}

}  // namespace autood
