#include "search/BestEpochKeeper.hpp"

#include <torch/torch.h>

#include <cmath>

#include "autood/sdk/hypothesis.hpp"
#include "model/ChildModel.hpp"

namespace autood {
namespace {

// Every parameter and buffer of the child, by a name unique across model and hypothesis.
std::map<std::string, at::Tensor> named_state(Child& child) {
  std::map<std::string, at::Tensor> state;
  auto add = [&](const std::string& prefix, torch::nn::Module& module) {
    for (const auto& item : module.named_parameters()) state[prefix + item.key()] = item.value();
    for (const auto& item : module.named_buffers()) state[prefix + item.key()] = item.value();
  };
  add("model.", *child.model);
  add("hypothesis.", *child.hypothesis);
  return state;
}

}  // namespace

void BestEpochKeeper::remember(Child& child, std::int64_t epoch, double reward) {
  torch::NoGradGuard no_grad;
  state_.clear();
  for (auto& [name, tensor] : named_state(child)) state_[name] = tensor.detach().clone();
  best_epoch_ = epoch;
  best_reward_ = reward;
}

bool BestEpochKeeper::after_epoch(Child& child, std::int64_t epochs_done) {
  const double reward = reward_(child);
  // A non-finite reward (a diverging epoch) is never kept; the end of training judges it.
  if (std::isfinite(reward) && (best_epoch_ == 0 || reward > best_reward_))
    remember(child, epochs_done, reward);
  return true;
}

std::int64_t BestEpochKeeper::settle(Child& child, std::int64_t epochs_done) {
  const double last = reward_(child);
  if (best_epoch_ == 0 || (std::isfinite(last) && last >= best_reward_)) {
    best_epoch_ = epochs_done;
    best_reward_ = last;
    state_.clear();
    return epochs_done;
  }
  torch::NoGradGuard no_grad;
  auto current = named_state(child);
  for (auto& [name, saved] : state_) current.at(name).copy_(saved);
  state_.clear();
  return best_epoch_;
}

}  // namespace autood
