#include "cli/ChildProcesses.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "autood/sdk/errors.hpp"

extern char** environ;

namespace autood {
namespace {

constexpr int kCouldNotStart = 127;

int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return kCouldNotStart;
}

// Starts one command with its output in its log; returns its pid, or -1.
pid_t spawn(const ChildCommand& command) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const auto log = command.log.string();
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> argv;
  for (const auto& arg : command.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return error == 0 ? pid : -1;
}

}  // namespace

std::filesystem::path own_executable() {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw sdk::InputError("cannot find this program's own executable: " + error.message());
  return path;
}

void run_child_processes(const std::vector<ChildCommand>& commands, std::size_t jobs,
                         const std::function<void(std::size_t)>& on_start,
                         const std::function<void(std::size_t, int)>& on_finish) {
  if (jobs == 0) jobs = 1;
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  while (next < commands.size() || !running.empty()) {
    while (next < commands.size() && running.size() < jobs) {
      on_start(next);
      const pid_t pid = spawn(commands[next]);
      if (pid < 0)
        on_finish(next, kCouldNotStart);
      else
        running[pid] = next;
      ++next;
    }
    if (running.empty()) continue;
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw sdk::InputError(std::string("waiting for a child process failed: ") +
                            std::strerror(errno));
    }
    auto found = running.find(pid);
    if (found == running.end()) continue;  // not one of ours
    const auto index = found->second;
    running.erase(found);
    on_finish(index, exit_code(status));
  }
}

}  // namespace autood
