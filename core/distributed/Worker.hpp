#pragma once
// A worker rank's life: greet rank 0, then train each child it hands out and send the record
// back, heartbeating while it trains, until rank 0 says stop or falls silent.
#include "autood/sdk/log.hpp"
#include "distributed/DistributedEvaluator.hpp"
#include "distributed/Transport.hpp"
#include "distributed/WireFormat.hpp"
#include "search/ChildEvaluator.hpp"

namespace autood {

// Returns the process's exit code: 0 when rank 0 stopped it, 3 when rank 0 fell silent for
// liveness.timeout (killed, most likely; its run folder can be resumed).
int serve_as_worker(Transport& transport, ChildEvaluator& evaluator, const WorkerHello& hello,
                    Liveness liveness, sdk::Logger& log);

// The reply to one task: the trained record and scores, and the weights if rank 0 may need them.
TrialResult train_task(ChildEvaluator& evaluator, const TrialTask& task);

}  // namespace autood
