// The ENAS-style controller of the paper (III.B): an LSTM policy trained by REINFORCE with a
// moving-average baseline, L = -(1/n) sum_k A_k log pi(a_k) - beta H (Eq. 5), by Adam, where A_k
// is r_k - b, optionally scaled (Advantages.hpp), and H the policy's entropy along the paths.
// Each batch gives `updates` steps.
#include <torch/torch.h>

#include "Advantages.hpp"
#include "LstmPolicy.hpp"
#include "PolicyParams.hpp"
#include "StateArchive.hpp"
#include "TensorAdam.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/plugin.hpp"

namespace {
using namespace autood::controllers;
using autood::sdk::Observation;

class ReinforceController : public autood::sdk::Controller {
 public:
  ReinforceController(PolicyConfig config, PolicyTraining training, std::uint64_t seed)
      : policy_(std::move(config)),
        generator_(at::make_generator<at::CPUGeneratorImpl>(seed)),
        rng_(seed),
        weights_(init(policy_, training.init_range, generator_)),
        optimizer_(weights_, training.lr),
        training_(training),
        advantages_(training.baseline_decay, training.reward_scaling) {}

  std::vector<Architecture> propose(std::size_t count) override {
    return policy_.sample(weights_, count, rng_);
  }

  void observe(const std::vector<Observation>& observations) override {
    if (observations.empty()) return;
    std::vector<Architecture> architectures;
    std::vector<double> rewards;
    for (const auto& o : observations)
      architectures.push_back(o.architecture), rewards.push_back(o.reward);
    auto advantages = torch::tensor(advantages_.advantages(rewards), torch::kFloat);
    for (std::int64_t step = 0; step < training_.updates; ++step) {
      auto [log_p, entropy] = policy_.log_prob_and_entropy(weights_, architectures);
      auto loss = -(advantages * log_p).mean() - training_.entropy_weight * entropy.mean();
      loss.backward();
      optimizer_.step();
    }
  }

  std::string save_state() const override {
    StateArchive archive;
    for (std::size_t i = 0; i < weights_.size(); ++i)
      archive.put_tensor("w" + std::to_string(i), weights_[i]);
    optimizer_.save(archive, "adam.");
    advantages_.save(archive);
    archive.put_engine("rng", rng_);
    archive.put_generator("generator", generator_);
    return archive.bytes();
  }

  void load_state(const std::string& state) override {
    auto archive = StateArchive::parse(state, "reinforce controller");
    torch::NoGradGuard no_grad;
    for (std::size_t i = 0; i < weights_.size(); ++i)
      weights_[i].copy_(archive.get_tensor("w" + std::to_string(i), weights_[i].sizes()));
    optimizer_.load(archive, "adam.");
    advantages_.load(archive);
    archive.get_engine("rng", rng_);
    archive.get_generator("generator", generator_);
  }

 private:
  static Weights init(const LstmPolicy& policy, double range, at::Generator& generator) {
    auto weights = uniform_weights(policy, range, generator);
    for (auto& w : weights) w.requires_grad_();
    return weights;
  }

  LstmPolicy policy_;
  at::Generator generator_;
  std::mt19937_64 rng_;
  Weights weights_;
  TensorAdam optimizer_;
  PolicyTraining training_;
  AdvantageEstimator advantages_;
};

void register_reinforce(autood::sdk::Registrar& registrar) {
  autood::sdk::ControllerChoice choice;
  choice.name = "reinforce";
  choice.summary = "LSTM policy trained by REINFORCE with a moving-average baseline (ENAS)";
  choice.params = policy_param_specs();
  choice.create = [](const autood::sdk::ControllerContext& context) {
    return std::make_shared<ReinforceController>(
        read_policy_config(context), read_policy_training(context.params), context.seed);
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("reinforce", "1.1.0", register_reinforce)
