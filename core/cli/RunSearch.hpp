#pragma once
// One whole search as `search`, `resume` and `ablate` run it: open the session (config and
// plugins), run the SearchSession, print the best model.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/Session.hpp"
#include "distributed/DistributedEvaluator.hpp"
#include "distributed/MpiWorld.hpp"
#include "session/SearchSession.hpp"

namespace autood {

struct SearchOutcome {
  std::filesystem::path run_dir;
  std::vector<double> rewards;  // every evaluation's validation reward, in order
  bool found_model = false;     // at least one child trained successfully
};

// run_dir empty means runs/<config>-<time>. With print, the best model, its test metrics and
// where the model and report are, on stdout. With `world`, this is rank 0 of a distributed
// search and the children go to the other ranks.
SearchOutcome run_search(const CommonOptions& common, const std::string& run_dir,
                         SearchSession::Mode mode, bool print, MpiWorld* world = nullptr,
                         Liveness liveness = {});

// How a distributed search tells a dead rank (see distributed/DistributedEvaluator.hpp).
struct DistributedOptions {
  double worker_timeout = 60.0;  // seconds
};
void add_distributed_options(CLI::App& command, DistributedOptions& options);

// `search` and `resume`: one process, or every rank of an MPI job (mpirun, srun), each taking
// its part. Returns the exit code.
int search_command(const CommonOptions& common, const std::string& run_dir,
                   SearchSession::Mode mode, const DistributedOptions& distributed);

}  // namespace autood
