#include "store/TrialRecord.hpp"

namespace autood {

const char* to_string(TrialStatus status) {
  switch (status) {
    case TrialStatus::Ok:
      return "ok";
    case TrialStatus::Timeout:
      return "timeout";
    case TrialStatus::Rejected:
      return "rejected";
    case TrialStatus::Diverged:
      return "diverged";
    case TrialStatus::Failed:
      return "failed";
    case TrialStatus::Pruned:
      return "pruned";
  }
  return "?";
}

}  // namespace autood
