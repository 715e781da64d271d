#pragma once
// Whether this process is one rank of an MPI job, and joining it. MPI is initialised only when
// a launcher (mpirun, srun) started more than one process, so a plain `autood search` never
// touches MPI.
#include <cstdint>
#include <memory>
#include <string>

#include "distributed/Transport.hpp"

namespace autood {

class MpiWorld : public Transport {
 public:
  virtual int ranks_on_node() const = 0;  // this node's ranks, this one included
  virtual std::string host() const = 0;
  // This rank's threads: threads_per_rank() of this node's cores and ranks.
  std::int64_t thread_share(std::int64_t train_threads) const;
};

// Whether MPI is compiled in, and which: for --version and `autood plugins`.
std::string mpi_build_description();

// The launcher's world size from its environment (Open MPI, PMI); 1 without one.
int launched_world_size();
// Whether a launcher started this process: a world of several, or PMIx (srun --mpi=pmix), which
// says the rank but not the size.
bool launched_by_mpi();

// Initialises MPI and joins the world; nullptr unless launched_by_mpi(), or when the world has
// one rank. Throws sdk::InputError if the job has several ranks but this build has no MPI.
std::unique_ptr<MpiWorld> join_mpi_world();

// A rank's share of the node's cores: train.threads if set, otherwise the cores divided by the
// ranks on the node, at least 1, so that the ranks of one node never oversubscribe it.
std::int64_t threads_per_rank(std::int64_t train_threads, unsigned cores, int ranks_on_node);

}  // namespace autood
