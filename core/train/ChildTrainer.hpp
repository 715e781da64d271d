#pragma once
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <utility>

#include "config/Config.hpp"
#include "model/Child.hpp"

namespace autood {

struct TrainOutcome {
  bool diverged = false;  // the loss turned NaN or infinite; the child gets reward 0
  bool hit_time_cap = false;
  bool stopped = false;  // an observer's after_epoch asked to stop
  std::string message;
  std::int64_t epochs = 0;
  std::int64_t steps = 0;
  double final_loss = 0.0;
};

// What a child trains on: samples and, where some are labelled outliers (data.train_outliers),
// a float [N] marking them with 1. Without it every sample is taken as normal.
struct TrainingSet {
  TrainingSet(at::Tensor samples, at::Tensor outlier = {})  // NOLINT: a plain tensor is normal
      : samples(std::move(samples)), outlier(std::move(outlier)) {}
  at::Tensor samples;
  at::Tensor outlier;
  at::Tensor normal_samples(std::int64_t limit) const;  // the first `limit` rows not marked
};

// Hooks into one child's training, for benchmarks and tools that need to look inside.
class TrainObserver {
 public:
  virtual ~TrainObserver() = default;
  virtual void after_initialize(Child& child) {}  // the hypothesis has seen the data
  virtual void after_step(std::int64_t step, double loss) {}
  // After each whole epoch (the hypothesis's end_epoch included). It may score the child; false
  // stops training there. The child is put back in training mode afterwards.
  virtual bool after_epoch(Child& child, std::int64_t epochs_done) { return true; }
};

// Child training per SPEC section 6: Adam, mini-batches, the learning rate decayed x0.1 at 50%
// and 75% of the steps, an optional wall-time cap. The loss is the mean distance plus the
// hypothesis's training term. Labelled outliers count in neither term, except for a hypothesis
// that uses labels, whose term sees them with Encoded::label; the hypothesis is initialised and
// updated after each epoch on normal samples only.
TrainOutcome train_child(Child& child, const TrainingSet& train, const TrainConfig& config,
                         std::uint64_t seed, c10::Device device, TrainObserver* observer = nullptr);

// The seconds of one training step (forward, loss and backward, no update) on `batch`, after the
// hypothesis is initialised on it: how a distributed search tells costly children from cheap
// ones before handing them out. The child's weights are not changed.
double time_training_step(Child& child, const at::Tensor& batch, c10::Device device);

}  // namespace autood
