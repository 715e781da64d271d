#pragma once
// How rank 0 and the workers talk: tagged byte messages that never block on a peer. MPI carries
// them in a real run (MpiTransport.cpp); the tests use an in-process one.
#include <chrono>
#include <optional>
#include <string>

namespace autood {

enum class Tag : int {
  Hello = 1,  // worker -> 0: ready (WorkerHello)
  Task,       // 0 -> worker: train this trial (TrialTask)
  Heartbeat,  // worker -> 0: still training
  Result,     // worker -> 0: the trial is done (TrialResult)
  Ping,       // 0 -> idle worker: rank 0 is alive
  Stop,       // 0 -> worker: the search is over
};

struct Message {
  int source = 0;
  Tag tag = Tag::Ping;
  std::string bytes;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Queues the bytes for rank `to` and returns at once, even if `to` has died.
  virtual void send(int to, Tag tag, std::string bytes) = 0;
  // The next message from any rank, waiting at most `wait`.
  virtual std::optional<Message> receive(std::chrono::milliseconds wait) = 0;
  // Waits until every queued send is delivered, at most `wait`; false if some were not.
  virtual bool flush(std::chrono::milliseconds wait) = 0;
};

}  // namespace autood
