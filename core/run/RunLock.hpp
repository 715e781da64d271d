#pragma once
// One writer per run folder: an advisory lock (flock) on autood-run.lock in it, held for as long
// as the search or resume runs. The kernel drops it when the process ends, however it ends (kill
// -9 included), so a stale lock never blocks a resume. The file holds the holder's PID and host,
// for the refusal's message.
#include <filesystem>

namespace autood {

class RunLock {
 public:
  // Takes the lock of the run folder `dir`, which must exist; throws sdk::InputError naming the
  // holder's PID and host when another process has it.
  explicit RunLock(const std::filesystem::path& dir);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace autood
