#pragma once
#include <chrono>
#include <cstdint>

#include "autood/sdk/log.hpp"
#include "search/SearchLoop.hpp"

namespace autood {

// One line per trial: trial i of n, its reward, the best so far and the time left.
class Progress : public SearchObserver {
 public:
  Progress(std::int64_t budget, sdk::Logger& log);
  void on_child_done(const TrialRecord& record) override;
  void on_trial(const TrialRecord& record, bool new_best, const Child* child) override;

 private:
  void report(const TrialRecord& record);

  std::int64_t budget_;
  sdk::Logger& log_;
  std::chrono::steady_clock::time_point started_;
  double best_ = 0.0;
  std::int64_t best_index_ = -1;
  std::int64_t done_ = 0;
};

}  // namespace autood
