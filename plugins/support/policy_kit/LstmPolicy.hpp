#pragma once
// The controller network of ENAS and the paper (III.B): a multi-layer LSTM that emits one decision
// per step. Each step's softmax head gives logits, squashed as c * tanh(logits / T); the chosen
// option's embedding is the next step's input. The weights are handed in from outside, so that a
// plain controller can pass its parameters and a Bayesian one a sample of its posterior.
#include <ATen/Tensor.h>

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "autood/sdk/controller.hpp"

namespace autood::controllers {

using sdk::Architecture;
using Weights = std::vector<at::Tensor>;

struct PolicyConfig {
  std::vector<std::int64_t> option_counts;  // one entry per decision
  std::int64_t hidden = 50;
  std::int64_t layers = 2;
  double tanh_constant = 2.5;
  double temperature = 5.0;
};

class LstmPolicy {
 public:
  explicit LstmPolicy(PolicyConfig config);

  const PolicyConfig& config() const { return config_; }
  std::size_t decisions() const { return config_.option_counts.size(); }
  // The shape of every weight tensor, in the order sample and log_prob expect them: the start
  // input, then (input, recurrent, bias) per LSTM layer, then (embedding, head, head bias) per
  // decision.
  const std::vector<std::vector<std::int64_t>>& weight_shapes() const { return shapes_; }

  // Draws architectures from pi(. ; weights) with rng; no gradients.
  std::vector<Architecture> sample(const Weights& weights, std::size_t count,
                                   std::mt19937_64& rng) const;
  // log pi(a ; weights) of each architecture, shape [n], differentiable in the weights.
  at::Tensor log_prob(const Weights& weights, const std::vector<Architecture>& architectures) const;
  // The same, and the entropy of the policy along each architecture's path: the sum over
  // decisions of the entropy of that decision's distribution given the preceding ones, shape [n].
  std::pair<at::Tensor, at::Tensor> log_prob_and_entropy(
      const Weights& weights, const std::vector<Architecture>& architectures) const;
  // The probabilities of every option of decision t given the preceding decisions of a; for tests.
  at::Tensor step_probabilities(const Weights& weights, const Architecture& prefix,
                                std::size_t t) const;

 private:
  // Runs the LSTM over n rows. With rng, it samples into actions; without, it reads actions.
  // With entropy, it adds each step's entropy to it.
  at::Tensor run(const Weights& weights, std::vector<Architecture>& actions, std::mt19937_64* rng,
                 std::size_t stop_at, at::Tensor* entropy = nullptr) const;
  void check_lengths(const std::vector<Architecture>& architectures) const;

  PolicyConfig config_;
  std::vector<std::vector<std::int64_t>> shapes_;
};

// Weights drawn uniformly from [-range, range] by a seeded torch generator.
Weights uniform_weights(const LstmPolicy& policy, double range, at::Generator& generator);

}  // namespace autood::controllers
