#include "session/Progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace autood {
namespace {

std::string duration(double seconds) {
  auto s = static_cast<std::int64_t>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60)
                   : fmt::format("{}m{:02}s", s / 60, s % 60);
}

}  // namespace

Progress::Progress(std::int64_t budget, const ResumePoint& resume, sdk::Logger& log,
                   std::optional<bool> live)
    : budget_(budget),
      log_(log),
      started_(std::chrono::steady_clock::now()),
      done_(resume.observed),
      done_before_(resume.observed),
      live_(live.value_or(::isatty(STDERR_FILENO) == 1)) {
  for (const auto& trial : resume.stored)
    if (trial.index < resume.observed && scored(trial.status) && trial.reward > best_) {
      best_ = trial.reward;
      best_index_ = trial.index;
    }
}

void Progress::on_child_done(const Evaluation& evaluation) {
  const auto& record = evaluation.record;
  if (scored(record.status) && record.reward > best_) {
    best_ = record.reward;
    best_index_ = record.index;
  }
  report(record);
}

void Progress::on_trial(const TrialRecord& record, bool new_best) {
  if (new_best && record.reward > best_) {
    best_ = record.reward;
    best_index_ = record.index;
  }
  if (record.cached) report(record);
}

void Progress::report(const TrialRecord& record) {
  ++done_;
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  double left =
      elapsed / static_cast<double>(done_ - done_before_) * static_cast<double>(budget_ - done_);
  std::string what = record.cached ? "cache hit" : fmt::format("{:.1f} s", record.seconds);
  std::string status =
      scored(record.status) ? std::string() : std::string(" ") + to_string(record.status);
  std::string line =
      fmt::format("trial {}/{}  last {:.4f}{} ({})  best {:.4f} (trial {})  elapsed {}  left ~{}",
                  record.index + 1, budget_, record.reward, status, what, best_, best_index_ + 1,
                  duration(elapsed), duration(left));
  if (live_) {
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    line_open_ = true;
  } else {
    log_.info(line);
  }
  log_.debug("  " + record.description);
}

void Progress::finish() {
  if (!line_open_) return;
  std::fprintf(stderr, "\n");
  line_open_ = false;
}

}  // namespace autood
