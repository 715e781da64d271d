#pragma once
// The controller.* options that every LSTM controller shares. The network's shape keeps the
// paper's values; how it learns does not (see PolicyTraining, and configs/paper.toml for the
// paper's own values).
#include <vector>

#include "Advantages.hpp"
#include "LstmPolicy.hpp"
#include "autood/sdk/choices.hpp"
#include "autood/sdk/value.hpp"

namespace autood::controllers {

// The paper takes ENAS's values (lr 3.5e-4, one Adam step per batch, raw r - b), made for
// thousands of cheap controller steps with shared weights; at 100 to 200 evaluations they move a
// logit by about 0.05. The defaults here learn at that budget: bench_controller_learning, over
// 10 seeds at batch 4, measured lr 0.002 to 0.005 with 3 to 5 steps on batch z-scores best, with
// or without reward noise; an entropy bonus of 0.005 did not help (README, "Controllers").
struct PolicyTraining {
  double lr = 0.005;             // Adam
  double init_range = 0.1;       // weights (or posterior means) uniform in [-r, r]
  double baseline_decay = 0.95;  // the moving average of Eq. 5
  std::int64_t updates = 3;      // policy-gradient steps on each batch
  RewardScaling reward_scaling = RewardScaling::Batch;
  double entropy_weight = 0.0;  // bonus on the policy's entropy along the batch's paths
};

std::vector<sdk::ParamSpec> policy_param_specs();
PolicyConfig read_policy_config(const sdk::ControllerContext& context);
PolicyTraining read_policy_training(const sdk::Params& params);

}  // namespace autood::controllers
