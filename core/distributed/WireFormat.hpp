#pragma once
// The messages rank 0 and its workers exchange, as bytes (CBOR, which keeps every double
// exactly): a worker's greeting, a task, and a finished trial with its scores and, when rank 0
// may need it for best/, the trained child's weights.
// Plain data only, without LibTorch, so that tests/fuzz/fuzz_wire can take the decoders alone.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/TrialRecord.hpp"

namespace autood {

// What a worker says once its data and space are ready: enough for rank 0 to refuse a worker
// that sees other data, another config or another set of plugins. `error` instead if it failed.
struct WorkerHello {
  std::string host;
  std::int64_t threads = 0;
  std::string data_fingerprint, space, config;
  std::string error;
};

struct TrialTask {
  std::int64_t index = 0;
  sdk::Architecture architecture;
  std::uint64_t seed = 0;
  std::optional<double> prune_below;
  // Send the weights back only if the child's reward beats this: rank 0's best when it handed
  // the task out, which can only rise by the time the child is done. Unset: always send.
  std::optional<double> weights_above;
};

// A finished trial as a worker sends it: its Evaluation without the child, plus its weights.
struct TrialResult {
  TrialRecord record;
  std::vector<double> validation_scores, test_scores;
  std::string weights;  // empty unless sent
};

std::string encode(const WorkerHello& hello);
std::string encode(const TrialTask& task);
std::string encode(const TrialResult& result);

// Each throws std::runtime_error on bytes that are not such a message, whatever the bytes.
WorkerHello decode_hello(const std::string& bytes);
TrialTask decode_task(const std::string& bytes);
TrialResult decode_result(const std::string& bytes);

}  // namespace autood
