#include "PolicyParams.hpp"

#include "autood/sdk/errors.hpp"

namespace autood::controllers {

std::vector<sdk::ParamSpec> policy_param_specs() {
  return {{"hidden", std::int64_t{50}, "LSTM hidden units"},
          {"layers", std::int64_t{2}, "LSTM layers"},
          {"tanh_constant", 2.5, "logits are squashed to c * tanh(logits / temperature)"},
          {"temperature", 5.0, "the temperature inside that tanh"},
          {"lr", 3.5e-4, "Adam's learning rate"},
          {"init_range", 0.1, "initial weights uniform in [-init_range, init_range]"},
          {"baseline_decay", 0.95, "decay of the moving-average reward baseline"}};
}

PolicyConfig read_policy_config(const sdk::ControllerContext& context) {
  PolicyConfig config;
  config.option_counts = context.option_counts;
  config.hidden = context.params.get_int("hidden");
  config.layers = context.params.get_int("layers");
  config.tanh_constant = context.params.get_double("tanh_constant");
  config.temperature = context.params.get_double("temperature");
  return config;
}

PolicyTraining read_policy_training(const sdk::Params& params) {
  PolicyTraining training;
  training.lr = params.get_double("lr");
  training.init_range = params.get_double("init_range");
  training.baseline_decay = params.get_double("baseline_decay");
  if (!(training.lr > 0)) throw sdk::InputError("controller.lr must be positive");
  if (!(training.init_range >= 0)) throw sdk::InputError("controller.init_range must not be negative");
  if (!(training.baseline_decay >= 0 && training.baseline_decay < 1))
    throw sdk::InputError("controller.baseline_decay must be in [0, 1)");
  return training;
}

}  // namespace autood::controllers
