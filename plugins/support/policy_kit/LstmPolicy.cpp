#include "LstmPolicy.hpp"

#include <torch/torch.h>

#include "autood/sdk/errors.hpp"

namespace autood::controllers {
namespace {

// Index of the first weight of each group in the flat list.
constexpr std::size_t kStart = 0;
constexpr std::size_t kLayerWeights = 3;     // input, recurrent, bias
constexpr std::size_t kDecisionWeights = 3;  // embedding, head, head bias

// Inverse-CDF draw from one row of probabilities, in double so the result does not depend on
// how the probabilities were summed.
std::int64_t draw(const double* probabilities, std::int64_t count, std::mt19937_64& rng) {
  double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  double cumulative = 0.0;
  for (std::int64_t i = 0; i < count; ++i) {
    cumulative += probabilities[i];
    if (u < cumulative) return i;
  }
  return count - 1;
}

}  // namespace

LstmPolicy::LstmPolicy(PolicyConfig config) : config_(std::move(config)) {
  if (config_.option_counts.empty())
    throw sdk::InputError("the search space has no decisions to make");
  if (config_.hidden < 1 || config_.layers < 1)
    throw sdk::InputError("controller.hidden and controller.layers must be at least 1");
  if (!(config_.temperature > 0)) throw sdk::InputError("controller.temperature must be positive");
  const auto h = config_.hidden;
  shapes_.push_back({1, h});
  for (std::int64_t l = 0; l < config_.layers; ++l) {
    shapes_.push_back({4 * h, h});
    shapes_.push_back({4 * h, h});
    shapes_.push_back({4 * h});
  }
  for (auto count : config_.option_counts) {
    shapes_.push_back({count, h});
    shapes_.push_back({count, h});
    shapes_.push_back({count});
  }
}

at::Tensor LstmPolicy::run(const Weights& w, std::vector<Architecture>& actions,
                           std::mt19937_64* rng, std::size_t stop_at, at::Tensor* entropy) const {
  if (w.size() != shapes_.size()) throw std::logic_error("LstmPolicy: wrong number of weights");
  const auto n = static_cast<std::int64_t>(actions.size());
  const auto layers = static_cast<std::size_t>(config_.layers);
  std::vector<at::Tensor> h(layers), c(layers);
  for (std::size_t l = 0; l < layers; ++l)
    h[l] = c[l] = torch::zeros({n, config_.hidden}, w[kStart].options());
  at::Tensor input = w[kStart].expand({n, config_.hidden});
  at::Tensor total = torch::zeros({n}, w[kStart].options());
  if (entropy) *entropy = torch::zeros({n}, w[kStart].options());
  const std::size_t first_decision = 1 + kLayerWeights * layers;

  for (std::size_t t = 0; t < decisions(); ++t) {
    at::Tensor x = input;
    for (std::size_t l = 0; l < layers; ++l) {
      const auto& w_in = w[1 + kLayerWeights * l];
      const auto& w_rec = w[2 + kLayerWeights * l];
      const auto& bias = w[3 + kLayerWeights * l];
      auto gates = torch::addmm(bias, x, w_in.t()) + h[l].mm(w_rec.t());
      auto chunks = gates.chunk(4, 1);
      auto in_gate = torch::sigmoid(chunks[0]), forget = torch::sigmoid(chunks[1]);
      auto cell = torch::tanh(chunks[2]), out_gate = torch::sigmoid(chunks[3]);
      c[l] = forget * c[l] + in_gate * cell;
      h[l] = out_gate * torch::tanh(c[l]);
      x = h[l];
    }
    const auto& embedding = w[first_decision + kDecisionWeights * t];
    const auto& head = w[first_decision + kDecisionWeights * t + 1];
    const auto& head_bias = w[first_decision + kDecisionWeights * t + 2];
    auto logits = config_.tanh_constant *
                  torch::tanh(torch::addmm(head_bias, x, head.t()) / config_.temperature);
    auto log_p = torch::log_softmax(logits, 1);
    if (t == stop_at) return log_p.exp();
    if (entropy) *entropy = *entropy - (log_p.exp() * log_p).sum(1);

    const auto count = config_.option_counts[t];
    if (rng) {
      auto p = log_p.detach().exp().to(torch::kDouble).contiguous();
      for (std::int64_t i = 0; i < n; ++i)
        actions[i].push_back(draw(p.data_ptr<double>() + i * count, count, *rng));
    }
    std::vector<std::int64_t> chosen(n);
    for (std::int64_t i = 0; i < n; ++i) {
      if (actions[i].size() <= t || actions[i][t] < 0 || actions[i][t] >= count)
        throw sdk::InputError(
            "an architecture does not fit the controller's decisions at decision " +
            std::to_string(t));
      chosen[i] = actions[i][t];
    }
    auto index = torch::tensor(chosen, torch::kLong);
    total = total + log_p.gather(1, index.unsqueeze(1)).squeeze(1);
    input = embedding.index_select(0, index);
  }
  return total;
}

std::vector<Architecture> LstmPolicy::sample(const Weights& weights, std::size_t count,
                                             std::mt19937_64& rng) const {
  torch::NoGradGuard no_grad;
  std::vector<Architecture> actions(count);
  run(weights, actions, &rng, decisions());
  return actions;
}

void LstmPolicy::check_lengths(const std::vector<Architecture>& architectures) const {
  for (const auto& a : architectures)
    if (a.size() != decisions())
      throw sdk::InputError("an architecture has " + std::to_string(a.size()) +
                            " decisions, the controller " + std::to_string(decisions()));
}

at::Tensor LstmPolicy::log_prob(const Weights& weights,
                                const std::vector<Architecture>& architectures) const {
  check_lengths(architectures);
  auto actions = architectures;
  return run(weights, actions, nullptr, decisions());
}

std::pair<at::Tensor, at::Tensor> LstmPolicy::log_prob_and_entropy(
    const Weights& weights, const std::vector<Architecture>& architectures) const {
  check_lengths(architectures);
  auto actions = architectures;
  at::Tensor entropy;
  auto log_p = run(weights, actions, nullptr, decisions(), &entropy);
  return {log_p, entropy};
}

at::Tensor LstmPolicy::step_probabilities(const Weights& weights, const Architecture& prefix,
                                          std::size_t t) const {
  torch::NoGradGuard no_grad;
  std::vector<Architecture> actions{prefix};
  return run(weights, actions, nullptr, t).squeeze(0);
}

Weights uniform_weights(const LstmPolicy& policy, double range, at::Generator& generator) {
  Weights weights;
  for (const auto& shape : policy.weight_shapes())
    weights.push_back(torch::empty(shape, torch::kFloat).uniform_(-range, range, generator));
  return weights;
}

}  // namespace autood::controllers
