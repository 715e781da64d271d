#include "search/Progress.hpp"

#include <fmt/format.h>

namespace autood {

Progress::Progress(std::int64_t budget, sdk::Logger& log)
    : budget_(budget), log_(log), started_(std::chrono::steady_clock::now()) {}

void Progress::on_child_done(const TrialRecord& record) {
  if (record.status == TrialStatus::Ok && record.reward > best_) {
    best_ = record.reward;
    best_index_ = record.index;
  }
  report(record);
}

void Progress::on_trial(const TrialRecord& record, bool, const Child*) {
  if (record.cached) report(record);
}

void Progress::report(const TrialRecord& record) {
  ++done_;
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  double left = elapsed / static_cast<double>(done_) * static_cast<double>(budget_ - done_);
  std::string what = record.cached ? "cache hit, not trained again" : fmt::format("{:.1f} s", record.seconds);
  log_.info(fmt::format("trial {}/{}  reward {:.4f} ({})  best {:.4f} (trial {})  {}  ~{:.0f} s left",
                        record.index + 1, budget_, record.reward, to_string(record.status), best_,
                        best_index_ + 1, what, left));
  log_.debug("  " + record.description);
}

}  // namespace autood
