#include "distributed/DistributedEvaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "model/ChildWeights.hpp"

namespace autood {
namespace {

double seconds_since(std::chrono::steady_clock::time_point then) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - then).count();
}

// Which of the three a worker's greeting differs in, or empty if none.
std::string mismatch(const WorkerHello& hello, const RunIdentity& ours) {
  if (hello.config != ours.config_toml) return "its config differs from rank 0's";
  if (hello.space != ours.space_json)
    return "its plugins or search space differ from rank 0's (other plugin folders or packs?)";
  if (hello.data_fingerprint != ours.data_fingerprint)
    return "its data differs (fingerprint " + hello.data_fingerprint + ", rank 0 has " +
           ours.data_fingerprint + ")";
  return {};
}

}  // namespace

std::vector<std::size_t> longest_first(const std::vector<double>& costs) {
  std::vector<std::size_t> order(costs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return costs[a] > costs[b]; });
  return order;
}

DistributedEvaluator::DistributedEvaluator(Transport& transport, ChildEvaluator& local,
                                           RunIdentity identity, Liveness liveness,
                                           sdk::Logger& log)
    : transport_(transport),
      local_(local),
      identity_(std::move(identity)),
      liveness_(liveness),
      log_(log),
      estimate_cost_([&local](const sdk::Architecture& a) { return local.step_seconds(a); }) {}

DistributedEvaluator::~DistributedEvaluator() {
  try {
    stop_workers();
  } catch (const std::exception&) {  // a destructor must not throw; the workers time out instead
  }
}

int DistributedEvaluator::admit_workers() {
  const auto until = Clock::now() + liveness_.timeout;
  std::map<int, bool> answered;
  while (static_cast<int>(answered.size()) < transport_.size() - 1 && Clock::now() < until) {
    auto message = transport_.receive(std::chrono::milliseconds(100));
    if (!message || message->tag != Tag::Hello || answered.count(message->source)) continue;
    answered[message->source] = true;
    std::string refusal;
    WorkerHello hello;
    try {
      hello = decode_hello(message->bytes);
      refusal = hello.error.empty() ? mismatch(hello, identity_) : hello.error;
    } catch (const std::exception& error) {
      refusal = error.what();
    }
    if (!refusal.empty()) {
      log_.warn(fmt::format("rank {} is left out of the search: {}", message->source, refusal));
      transport_.send(message->source, Tag::Stop, {});
      continue;
    }
    Worker& worker = workers_[message->source];
    worker.stats = {message->source, hello.host, true, 0, 0.0};
    worker.heard = worker.pinged = Clock::now();
    transport_.send(message->source, Tag::Ping, {});
  }
  for (int rank = 1; rank < transport_.size(); ++rank)
    if (!answered.count(rank))
      log_.warn(fmt::format("rank {} did not report ready within {} s; it is left out", rank,
                            liveness_.timeout.count() / 1000.0));
  log_.info(fmt::format("distributed search: {} worker ranks of {}", live_workers(),
                        transport_.size() - 1));
  return live_workers();
}

DistributedEvaluator::Worker* DistributedEvaluator::worker(int rank) {
  auto found = workers_.find(rank);
  return found != workers_.end() && found->second.stats.alive ? &found->second : nullptr;
}

int DistributedEvaluator::live_workers() const {
  return static_cast<int>(std::count_if(workers_.begin(), workers_.end(),
                                        [](const auto& w) { return w.second.stats.alive; }));
}

void DistributedEvaluator::hand_out(std::vector<std::size_t>& queue, const std::vector<Slot>& slots,
                                    std::optional<double> prune_below) {
  for (auto& [rank, worker] : workers_) {
    if (queue.empty()) return;
    if (!worker.stats.alive || worker.task) continue;
    const std::size_t position = queue.front();
    queue.erase(queue.begin());
    const auto& trial = slots[position].trial;
    TrialTask task{trial.index, trial.architecture, trial.seed, prune_below, best_seen_};
    transport_.send(rank, Tag::Task, encode(task));
    worker.task = position;
    worker.heard = worker.started = Clock::now();
  }
}

std::optional<std::size_t> DistributedEvaluator::handle(const Message& message,
                                                        const std::vector<Slot>& slots,
                                                        std::vector<Evaluation>& done,
                                                        std::vector<bool>& finished) {
  Worker* from = worker(message.source);
  if (!from) {  // taken for dead, or never admitted: it must not train on
    if (message.tag == Tag::Result || message.tag == Tag::Heartbeat)
      transport_.send(message.source, Tag::Stop, {});
    return std::nullopt;
  }
  from->heard = Clock::now();
  if (message.tag != Tag::Result || !from->task) return std::nullopt;
  const std::size_t position = *from->task;
  from->task.reset();
  from->stats.busy_seconds += seconds_since(from->started);
  Evaluation evaluation;
  try {
    TrialResult result = decode_result(message.bytes);
    evaluation.record = std::move(result.record);
    evaluation.validation_scores = std::move(result.validation_scores);
    evaluation.test_scores = std::move(result.test_scores);
    if (evaluation.record.index != slots[position].trial.index)
      throw std::runtime_error(
          fmt::format("it answered for trial {}", evaluation.record.index + 1));
    if (!result.weights.empty()) {
      evaluation.child = local_.build(evaluation.record.architecture);
      load_child_weights(*evaluation.child, result.weights);
    }
  } catch (const std::exception& error) {
    const auto& trial = slots[position].trial;
    evaluation = local_.failed(
        trial.architecture, trial.index,
        fmt::format("rank {}'s result does not read: {}", message.source, error.what()));
  }
  if (scored(evaluation.record.status))
    best_seen_ = std::max(best_seen_.value_or(evaluation.record.reward), evaluation.record.reward);
  ++from->stats.trials;
  done[position] = std::move(evaluation);
  finished[position] = true;
  return position;
}

void DistributedEvaluator::bury_silent_workers(
    std::vector<std::size_t>& queue, std::vector<Slot>& slots, std::vector<Evaluation>& done,
    std::vector<bool>& finished, const std::function<void(const Evaluation&)>& on_done) {
  for (auto& [rank, worker] : workers_) {
    if (!worker.stats.alive || !worker.task || Clock::now() - worker.heard < liveness_.timeout)
      continue;
    worker.stats.alive = false;
    const std::size_t position = *worker.task;
    worker.task.reset();
    Slot& slot = slots[position];
    slot.lost_on.push_back(rank);
    log_.warn(fmt::format(
        "rank {} on {} went silent for {:.1f} s while training trial {}; it is taken for dead",
        rank, worker.stats.host, seconds_since(worker.heard), slot.trial.index + 1));
    if (slot.lost_on.size() < 2) {  // once more, on another worker, before anything new
      queue.insert(queue.begin(), position);
      continue;
    }
    done[position] = local_.failed(slot.trial.architecture, slot.trial.index,
                                   fmt::format("lost twice: ranks {} and {} died while training it",
                                               slot.lost_on[0], slot.lost_on[1]));
    finished[position] = true;
    if (on_done) on_done(done[position]);
  }
}

std::vector<Evaluation> DistributedEvaluator::evaluate_batch(
    const std::vector<PendingTrial>& batch, const std::function<void(const Evaluation&)>& on_done,
    const std::vector<double>& partial_history) {
  const auto started = Clock::now();
  const auto threshold = local_.prune_threshold(partial_history);
  // Which order the workers take the children in changes nothing in their records (each seed
  // comes from the trial's index), only how long the batch takes; with a worker for each child
  // it changes nothing at all.
  const bool order_by_cost = static_cast<int>(batch.size()) > live_workers();
  std::vector<Slot> slots;
  std::vector<double> costs;
  for (const auto& trial : batch) {
    slots.push_back({trial, {}});
    costs.push_back(order_by_cost ? estimate_cost_(trial.architecture) : 0.0);
  }
  std::vector<std::size_t> queue = longest_first(costs);
  std::vector<Evaluation> done(batch.size());
  std::vector<bool> finished(batch.size(), false);
  auto remaining = [&] { return std::count(finished.begin(), finished.end(), false); };
  while (remaining() > 0 && live_workers() > 0) {
    hand_out(queue, slots, threshold);
    if (auto message = transport_.receive(std::chrono::milliseconds(20))) {
      auto position = handle(*message, slots, done, finished);
      if (position && on_done) on_done(done[*position]);
    }
    bury_silent_workers(queue, slots, done, finished, on_done);
    for (auto& [rank, worker] : workers_)
      if (worker.stats.alive && !worker.task &&
          Clock::now() - worker.pinged > liveness_.heartbeat) {
        transport_.send(rank, Tag::Ping, {});
        worker.pinged = Clock::now();
      }
  }
  if (remaining() > 0)
    log_.warn(fmt::format("no worker rank is left; rank 0 trains the batch's last {} children",
                          remaining()));
  for (std::size_t position = 0; position < batch.size(); ++position) {
    if (finished[position]) continue;
    const auto& trial = slots[position].trial;
    done[position] = local_.evaluate(trial.architecture, trial.index, trial.seed, threshold);
    if (on_done) on_done(done[position]);
  }
  batch_seconds_ += seconds_since(started);
  return done;
}

void DistributedEvaluator::stop_workers() {
  if (stopped_) return;
  stopped_ = true;
  // Every rank but 0, admitted or not: one that was late to greet must not wait for its timeout.
  for (int rank = 1; rank < transport_.size(); ++rank) transport_.send(rank, Tag::Stop, {});
  transport_.flush(std::chrono::seconds(2));
}

std::vector<WorkerStats> DistributedEvaluator::stats() const {
  std::vector<WorkerStats> all;
  for (const auto& [rank, worker] : workers_) all.push_back(worker.stats);
  return all;
}

}  // namespace autood
