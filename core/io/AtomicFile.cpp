#include "io/AtomicFile.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "autood/sdk/errors.hpp"
#include "io/CrashPoint.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw sdk::InputError("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

void sync_path(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("open", path);
  ::fsync(fd);
  ::close(fd);
}

void write_file_atomically(const fs::path& path, const std::string& bytes, Durability durability) {
  fs::path temporary = path;
  temporary += ".tmp";
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("write", temporary);
  // After a failure the temporary goes, and errno still holds the failure for the message.
  auto give_up = [&](const char* what, bool open) {
    const int saved = errno;
    if (open) ::close(fd);
    ::unlink(temporary.c_str());
    errno = saved;
    fail(what, path);
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = ENOSPC;
    if (n <= 0) give_up("write", true);
    written += static_cast<std::size_t>(n);
  }
  if (durability == Durability::Synced && ::fsync(fd) != 0) give_up("flush", true);
  if (::close(fd) != 0) give_up("write", false);
  crash_point(("write:" + path.filename().string()).c_str());
  if (::rename(temporary.c_str(), path.c_str()) != 0) give_up("rename over", false);
  if (durability == Durability::Synced)
    sync_path(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void replace_folder_atomically(const fs::path& staged, const fs::path& target) {
  for (const auto& entry : fs::recursive_directory_iterator(staged))
    if (entry.is_regular_file()) sync_path(entry.path());
  sync_path(staged);
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::exists(target)) {
    if (::rename(staged.c_str(), target.c_str()) != 0) fail("rename into", target);
  } else if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) ==
             0) {
    fs::remove_all(staged);  // now the old content
  } else {
    // No exchange on this file system: a short window in which `target` is missing.
    fs::path old = target;
    old += ".old";
    fs::remove_all(old);
    fs::rename(target, old);
    fs::rename(staged, target);
    fs::remove_all(old);
  }
  sync_path(parent);
}

}  // namespace autood
