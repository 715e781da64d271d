#pragma once
// AutoAD's curiosity-guided controller (paper III.B-C, Algorithm 1):
//  - the LSTM policy's weights are a Bayes-by-backprop posterior q(theta) = N(mu, softplus(rho)^2),
//    trained on the REINFORCE loss plus KL(q || prior) / C (Eq. 10-12, 16);
//  - optionally with posterior sharpening (Eq. 13-14);
//  - each architecture's reward gets eta times its information gain, KL(q after || q before) for
//    one gradient step on that architecture's actions, as in VIME (Eq. 7);
//  - a replay buffer of the best architectures gives extra steps on -log pi(a) (r - b)+ after
//    every iteration (Eq. 18-19).
// How it learns (steps per batch, reward scaling, entropy bonus) is shared with reinforce:
// PolicyParams.hpp.
// With eta = 0 and buffer_size = 0 it is plain Bayesian REINFORCE.
#include <ATen/core/Generator.h>

#include <random>
#include <string>
#include <vector>

#include "Advantages.hpp"
#include "GaussianPosterior.hpp"
#include "LstmPolicy.hpp"
#include "PolicyParams.hpp"
#include "ReplayBuffer.hpp"
#include "TensorAdam.hpp"
#include "autood/sdk/controller.hpp"

namespace autood::controllers {

struct CuriousOptions {
  double eta = 0.01;              // weight of the information gain in the reward (Eq. 7)
  std::size_t buffer_size = 10;   // B, the self-imitation buffer
  std::int64_t replay_steps = 1;  // self-imitation updates after each iteration
  double prior_sigma = 1.0;       // the Gaussian prior N(0, prior_sigma^2)
  double initial_sigma = 0.02;    // every posterior sigma at the start
  double kl_divisor = 1000;  // C of Eq. 16: about how many architectures the posterior summarises
  double ig_step = 0.01;     // step size of the update whose KL is the information gain
  bool normalize_ig = true;  // divide the gain by the median of the gains so far, as VIME does
  bool sharpening = false;   // posterior sharpening, Eq. 13-14
  double sharpening_sigma = 0.02;  // sigma_0 of q(theta | phi, D)
};

std::vector<sdk::ParamSpec> curious_param_specs();  // the policy's options and the ones above
CuriousOptions read_curious_options(const sdk::Params& params);

class CuriousController : public sdk::Controller {
 public:
  CuriousController(PolicyConfig config, PolicyTraining training, CuriousOptions options,
                    std::uint64_t seed);

  std::vector<Architecture> propose(std::size_t count) override;
  void observe(const std::vector<sdk::Observation>& observations) override;
  std::string save_state() const override;
  void load_state(const std::string& state) override;

  // KL(q after one step on a's actions || q now), with fresh posterior noise. Never negative.
  double information_gain(const Architecture& architecture);
  const ReplayBuffer& buffer() const { return buffer_; }
  const std::vector<double>& last_information_gains() const { return last_gains_; }
  const GaussianPosterior& posterior() const { return posterior_; }

 private:
  double information_gain(const Architecture& architecture, const TensorList& noise);
  std::vector<double> intrinsic_rewards(const std::vector<Architecture>& architectures);
  // Weights for one update: a posterior sample, sharpened on (architectures, advantages) if on;
  // extra receives the sharpening KL term (zero without sharpening).
  Weights update_weights(const std::vector<Architecture>& architectures,
                         const at::Tensor& advantages, at::Tensor& extra);
  void reinforce_step(const std::vector<Architecture>& architectures,
                      const std::vector<double>& advantages);
  void self_imitation_step();

  LstmPolicy policy_;
  CuriousOptions options_;
  at::Generator generator_;
  std::mt19937_64 rng_;
  GaussianPosterior posterior_;
  TensorList sharpening_rates_;  // the per-parameter eta of Eq. 14
  TensorAdam optimizer_;
  PolicyTraining training_;
  AdvantageEstimator advantages_;
  ReplayBuffer buffer_;
  std::vector<double> gain_history_, last_gains_;
};

}  // namespace autood::controllers
