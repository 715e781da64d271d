#include "distributed/Worker.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "model/ChildWeights.hpp"

namespace autood {
namespace {

// Sends Heartbeat to rank 0 every `period` for as long as it lives: the proof, during a child
// that trains for an hour, that this rank has not died.
class HeartbeatThread {
 public:
  HeartbeatThread(Transport& transport, std::chrono::milliseconds period)
      : thread_([this, &transport, period] {
          std::unique_lock<std::mutex> lock(mutex_);
          while (!cv_.wait_for(lock, period, [this] { return done_; }))
            transport.send(0, Tag::Heartbeat, {});
        }) {}
  ~HeartbeatThread() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;  // last: it starts once the members above exist
};

}  // namespace

TrialResult train_task(ChildEvaluator& evaluator, const TrialTask& task) {
  auto evaluation = evaluator.evaluate(task.architecture, task.index, task.seed, task.prune_below);
  TrialResult result;
  const bool wanted = !task.weights_above || evaluation.record.reward >= *task.weights_above;
  if (evaluation.child && scored(evaluation.record.status) && wanted)
    result.weights = child_weights(*evaluation.child);
  result.record = std::move(evaluation.record);
  result.validation_scores = std::move(evaluation.validation_scores);
  result.test_scores = std::move(evaluation.test_scores);
  return result;
}

int serve_as_worker(Transport& transport, ChildEvaluator& evaluator, const WorkerHello& hello,
                    Liveness liveness, sdk::Logger& log) {
  using Clock = std::chrono::steady_clock;
  transport.send(0, Tag::Hello, encode(hello));
  auto heard = Clock::now();
  while (true) {
    auto message = transport.receive(std::chrono::milliseconds(100));
    if (!message) {
      if (Clock::now() - heard < liveness.timeout) continue;
      log.warn(fmt::format("rank 0 has been silent for {} s; this worker stops",
                           liveness.timeout.count() / 1000));
      return 3;
    }
    if (message->source != 0) continue;
    heard = Clock::now();
    if (message->tag == Tag::Stop) break;
    if (message->tag != Tag::Task) continue;
    const TrialTask task = decode_task(message->bytes);
    TrialResult result;
    {
      HeartbeatThread heartbeat(transport, liveness.heartbeat);
      result = train_task(evaluator, task);
    }
    transport.send(0, Tag::Result, encode(result));
    heard = Clock::now();
  }
  // Rank 0 is alive (it just said stop), so its last messages from here are taken at once.
  transport.flush(liveness.timeout);
  return 0;
}

}  // namespace autood
