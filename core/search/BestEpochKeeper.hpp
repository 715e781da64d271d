#pragma once
// Checkpointing on validation, for final training: after each epoch the child's validation
// reward is measured, and the weights (and the hypothesis's state: centre, radius, mixture) of
// the best epoch so far are kept in memory. When training ends, the child is put back to its best
// epoch if a later one was worse. Only the validation set decides; the test set is never seen.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "train/ChildTrainer.hpp"

namespace autood {

class BestEpochKeeper : public TrainObserver {
 public:
  explicit BestEpochKeeper(std::function<double(Child&)> reward) : reward_(std::move(reward)) {}

  bool after_epoch(Child& child, std::int64_t epochs_done) override;

  // Called with the child as training left it (after `epochs_done` epochs): measures it, and if
  // an earlier epoch was strictly better, restores that epoch's state. Returns the epoch kept.
  std::int64_t settle(Child& child, std::int64_t epochs_done);

  double best_reward() const { return best_reward_; }

 private:
  void remember(Child& child, std::int64_t epoch, double reward);

  std::function<double(Child&)> reward_;
  std::int64_t best_epoch_ = 0;  // 0: nothing kept yet
  double best_reward_ = 0.0;
  std::map<std::string, at::Tensor> state_;  // "model." / "hypothesis." + parameter or buffer
};

}  // namespace autood
