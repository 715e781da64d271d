#include "run/RunLock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "autood/sdk/errors.hpp"
#include "run/RunFolder.hpp"

namespace autood {
namespace {

std::string host_name() {
  char name[256] = {};
  return ::gethostname(name, sizeof(name) - 1) == 0 ? std::string(name) : std::string("?");
}

// The holder's "PID host", as it wrote it; at most a line, whatever the file holds.
std::string holder_of(int fd) {
  char text[128] = {};
  const auto n = ::pread(fd, text, sizeof(text) - 1, 0);
  std::string holder(text, n > 0 ? static_cast<std::size_t>(n) : 0);
  holder = holder.substr(0, holder.find('\n'));
  return holder.empty() ? "another autood process" : "autood process " + holder;
}

}  // namespace

RunLock::RunLock(const std::filesystem::path& dir) {
  const auto file = dir / kRunLockFile;
  // Not through a symbolic link: the lock's file is truncated, and only autood's may be.
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd_ < 0) throw sdk::InputError("cannot open " + file.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const auto holder = holder_of(fd_);
    ::close(fd_);
    if (error == EWOULDBLOCK)
      throw sdk::InputError(
          dir.string() + " is in use: " + holder + " holds " + file.string() +
          "; a run has one writer at a time, so wait for that process to end (or stop it)");
    throw sdk::InputError("cannot lock " + file.string() + ": " + std::strerror(error));
  }
  const std::string holder = "PID " + std::to_string(::getpid()) + " on " + host_name() + "\n";
  if (::ftruncate(fd_, 0) != 0 ||
      ::pwrite(fd_, holder.data(), holder.size(), 0) != static_cast<ssize_t>(holder.size())) {
    const int error = errno;
    ::close(fd_);
    throw sdk::InputError("cannot write " + file.string() + ": " + std::strerror(error));
  }
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace autood
