#pragma once
#include <chrono>
#include <cstdint>
#include <optional>

#include "autood/sdk/log.hpp"
#include "search/SearchLoop.hpp"

namespace autood {

// Trial i of n, the last reward, the best so far, the elapsed time and the time left: one live
// line rewritten in place on a terminal, or one log line per trial otherwise (CI, pipes).
class Progress : public SearchObserver {
 public:
  // A resumed search starts from the trials its controller has observed: the best so far
  // counts them, the time left only the new ones.
  // live: rewrite one line on stderr; by default, when stderr is a terminal.
  Progress(std::int64_t budget, const ResumePoint& resume, sdk::Logger& log,
           std::optional<bool> live = std::nullopt);
  void on_child_done(const Evaluation& evaluation) override;
  void on_trial(const TrialRecord& record, bool new_best) override;
  void finish();  // ends the live line

 private:
  void report(const TrialRecord& record);

  std::int64_t budget_;
  sdk::Logger& log_;
  std::chrono::steady_clock::time_point started_;
  double best_ = 0.0;
  std::int64_t best_index_ = -1;
  std::int64_t done_ = 0, done_before_ = 0;
  bool live_ = false;
  bool line_open_ = false;
};

}  // namespace autood
