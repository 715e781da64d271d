#include "PolicyParams.hpp"

#include "autood/sdk/errors.hpp"

namespace autood::controllers {
namespace {

// More steps than this on one batch only overfit it, and a typo could stall the search.
constexpr std::int64_t kMaxUpdates = 1000;

}  // namespace

std::vector<sdk::ParamSpec> policy_param_specs() {
  const PolicyTraining d;
  return {
      {"hidden", std::int64_t{50}, "LSTM hidden units", 1, 4096},
      {"layers", std::int64_t{2}, "LSTM layers", 1, 16},
      {"tanh_constant", 2.5, "logits are squashed to c * tanh(logits / temperature)", 1e-6, 1e3},
      {"temperature", 5.0, "the temperature inside that tanh", 1e-6, 1e3},
      {"lr", d.lr, "Adam's learning rate (the paper: 3.5e-4)", 1e-9, 10},
      {"init_range", d.init_range, "initial weights uniform in [-init_range, init_range]", 0, 10},
      {"baseline_decay", d.baseline_decay, "decay of the moving-average reward baseline", 0,
       0.999999},
      {"updates", d.updates, "policy-gradient steps on each batch (the paper: 1)", 1, kMaxUpdates},
      {"reward_scaling", std::string(to_string(d.reward_scaling)),
       "none (r - b, the paper), history ((r - b) / std of all rewards) or batch (z-score in "
       "the batch)"},
      {"entropy_weight", d.entropy_weight,
       "weight of the policy's entropy in the loss (the paper: 0)", 0, 1e3}};
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
  training.updates = params.get_int("updates");
  training.reward_scaling = parse_reward_scaling(params.get_string("reward_scaling"));
  training.entropy_weight = params.get_double("entropy_weight");
  if (!(training.lr > 0)) throw sdk::InputError("controller.lr must be positive");
  if (!(training.init_range >= 0))
    throw sdk::InputError("controller.init_range must not be negative");
  if (!(training.baseline_decay >= 0 && training.baseline_decay < 1))
    throw sdk::InputError("controller.baseline_decay must be in [0, 1)");
  if (training.updates < 1 || training.updates > kMaxUpdates)
    throw sdk::InputError("controller.updates must be in [1, " + std::to_string(kMaxUpdates) + "]");
  if (!(training.entropy_weight >= 0))
    throw sdk::InputError("controller.entropy_weight must not be negative");
  return training;
}

}  // namespace autood::controllers
