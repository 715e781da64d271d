// The build without MPI: every search is serial, and a job of several ranks is refused rather
// than run K times over.
#include "autood/sdk/errors.hpp"
#include "distributed/MpiWorld.hpp"

namespace autood {

std::string mpi_build_description() { return "not compiled in (install libopenmpi-dev)"; }

std::unique_ptr<MpiWorld> join_mpi_world() {
  if (launched_world_size() > 1)
    throw sdk::InputError(
        "this autood was built without MPI, but a launcher started it as one of " +
        std::to_string(launched_world_size()) +
        " processes; rebuild with libopenmpi-dev installed, or run one process");
  return nullptr;
}

}  // namespace autood
