#pragma once
// The controller.* options that every LSTM controller shares, with the paper's values as defaults.
#include <vector>

#include "LstmPolicy.hpp"
#include "autood/sdk/choices.hpp"
#include "autood/sdk/value.hpp"

namespace autood::controllers {

struct PolicyTraining {
  double lr = 3.5e-4;             // Adam
  double init_range = 0.1;        // weights (or posterior means) uniform in [-r, r]
  double baseline_decay = 0.95;   // the moving average of Eq. 5
};

std::vector<sdk::ParamSpec> policy_param_specs();
PolicyConfig read_policy_config(const sdk::ControllerContext& context);
PolicyTraining read_policy_training(const sdk::Params& params);

}  // namespace autood::controllers
