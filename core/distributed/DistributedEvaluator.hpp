#pragma once
// Rank 0's side of a distributed search: hands the batch's children out to the worker ranks one
// at a time, as each worker comes free (children differ in cost by orders of magnitude), and
// gathers their records. Rank 0 does not train while workers live: it must answer at once when
// a worker finishes, and on a node it shares with them it would take their cores. With no
// worker left it trains the rest itself, so a search always ends.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "autood/sdk/log.hpp"
#include "distributed/Transport.hpp"
#include "distributed/WireFormat.hpp"
#include "run/RunIdentity.hpp"
#include "search/BatchEvaluator.hpp"
#include "search/ChildEvaluator.hpp"

namespace autood {

struct Liveness {
  // A busy worker heartbeats this often; rank 0 pings idle ones as often.
  std::chrono::milliseconds heartbeat{2000};
  // A busy worker silent this long is taken for dead; so is rank 0, by an idle worker.
  std::chrono::milliseconds timeout{60000};
};

// Per worker, for the benchmark and the closing log line.
struct WorkerStats {
  int rank = 0;
  std::string host;
  bool alive = false;
  std::int64_t trials = 0;
  double busy_seconds = 0.0;
};

// The batch positions by falling cost, ties in proposal order: longest processing time first,
// which leaves the fewest workers idle at the batch's end, when the controller waits for all.
std::vector<std::size_t> longest_first(const std::vector<double>& costs);

class DistributedEvaluator : public BatchEvaluator {
 public:
  // `local` trains the rest when no worker is left, and builds children for the weights that
  // workers send back.
  DistributedEvaluator(Transport& transport, ChildEvaluator& local, RunIdentity identity,
                       Liveness liveness, sdk::Logger& log);
  ~DistributedEvaluator() override;

  // How children are told costly from cheap when a batch has more than there are workers; by
  // default, by timing one training step of each (ChildEvaluator::step_seconds).
  using CostEstimate = std::function<double(const sdk::Architecture&)>;
  void estimate_costs_with(CostEstimate estimate) { estimate_cost_ = std::move(estimate); }

  // Waits for every worker's greeting, at most liveness.timeout, and admits those that see the
  // same data, space and config. Returns how many were admitted.
  int admit_workers();

  std::vector<Evaluation> evaluate_batch(const std::vector<PendingTrial>& batch,
                                         const std::function<void(const Evaluation&)>& on_done,
                                         const std::vector<double>& partial_history) override;

  // Tells every worker the search is over. Called again (or by the destructor), it does nothing.
  void stop_workers();

  std::vector<WorkerStats> stats() const;
  // Wall seconds spent inside evaluate_batch, the denominator of the workers' idle fraction.
  double batch_seconds() const { return batch_seconds_; }

 private:
  struct Worker {
    WorkerStats stats;
    std::optional<std::size_t> task;  // the batch position it is training
    std::chrono::steady_clock::time_point heard, pinged, started;
  };
  struct Slot {
    PendingTrial trial;
    std::vector<int> lost_on;  // ranks that died while training it
  };
  using Clock = std::chrono::steady_clock;

  void hand_out(std::vector<std::size_t>& queue, const std::vector<Slot>& slots,
                std::optional<double> prune_below);
  // Returns the batch position finished by this message, if it finished one.
  std::optional<std::size_t> handle(const Message& message, const std::vector<Slot>& slots,
                                    std::vector<Evaluation>& done, std::vector<bool>& finished);
  void bury_silent_workers(std::vector<std::size_t>& queue, std::vector<Slot>& slots,
                           std::vector<Evaluation>& done, std::vector<bool>& finished,
                           const std::function<void(const Evaluation&)>& on_done);
  Worker* worker(int rank);
  int live_workers() const;

  Transport& transport_;
  ChildEvaluator& local_;
  RunIdentity identity_;  // what a worker must share with rank 0 to be given children
  Liveness liveness_;
  sdk::Logger& log_;
  std::map<int, Worker> workers_;  // the admitted ones, dead or alive
  CostEstimate estimate_cost_;
  std::optional<double> best_seen_;
  double batch_seconds_ = 0.0;
  bool stopped_ = false;
};

}  // namespace autood
