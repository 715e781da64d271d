#include "distributed/MpiWorld.hpp"

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace autood {

int launched_world_size() {
  // Open MPI's mpirun, then PMI's (MPICH's Hydra, Slurm's srun --mpi=pmi2). Not SLURM_NTASKS:
  // a batch script sees it too, outside any srun.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* value = std::getenv(name);
    if (!value) continue;
    char* end = nullptr;
    const long size = std::strtol(value, &end, 10);
    if (end != value && *end == '\0' && size >= 1 && size <= (1 << 20))
      return static_cast<int>(size);
  }
  return 1;
}

bool launched_by_mpi() { return launched_world_size() > 1 || std::getenv("PMIX_RANK"); }

std::int64_t threads_per_rank(std::int64_t train_threads, unsigned cores, int ranks_on_node) {
  if (train_threads > 0) return train_threads;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(cores) / std::max(1, ranks_on_node));
}

std::int64_t MpiWorld::thread_share(std::int64_t train_threads) const {
  return threads_per_rank(train_threads, std::thread::hardware_concurrency(), ranks_on_node());
}

}  // namespace autood
