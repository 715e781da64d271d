#pragma once
// Runs commands as child processes, a few at a time: how `ablate` spreads its seeds over the
// cores. Each child is its own process, so searches share no torch state, and one that crashes
// takes nothing else down.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace autood {

struct ChildCommand {
  std::vector<std::string> argv;  // argv[0] is the program's path
  std::filesystem::path log;      // stdout and stderr go here
};

// Runs every command, at most `jobs` at once, in order of the list. on_start(i) is called as
// command i starts and on_finish(i, exit_code) as it ends (exit code 128 + signal if killed by
// one, 127 if it could not be started). Returns when all have ended.
void run_child_processes(const std::vector<ChildCommand>& commands, std::size_t jobs,
                         const std::function<void(std::size_t)>& on_start,
                         const std::function<void(std::size_t, int)>& on_finish);

// This program's own executable, to start copies of it.
std::filesystem::path own_executable();

}  // namespace autood
