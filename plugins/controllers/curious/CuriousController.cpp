#include "CuriousController.hpp"

#include <torch/torch.h>

#include <algorithm>

#include "StateArchive.hpp"
#include "autood/sdk/errors.hpp"

namespace autood::controllers {
namespace {

TensorList adam_parameters(const GaussianPosterior& posterior, const TensorList& sharpening_rates) {
  auto all = posterior.parameters();
  all.insert(all.end(), sharpening_rates.begin(), sharpening_rates.end());
  return all;
}

double median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// How many recent gains the normalising median looks at.
constexpr std::size_t kGainHistory = 256;

}  // namespace

std::vector<sdk::ParamSpec> curious_param_specs() {
  auto specs = policy_param_specs();
  CuriousOptions d;
  specs.push_back({"eta", d.eta, "weight of the information gain added to the reward (Eq. 7)"});
  specs.push_back({"buffer_size", static_cast<std::int64_t>(d.buffer_size),
                   "self-imitation buffer size B; 0 turns it off"});
  specs.push_back({"replay_steps", d.replay_steps, "self-imitation updates after each iteration"});
  specs.push_back(
      {"prior_sigma", d.prior_sigma, "standard deviation of the Gaussian prior on the weights"});
  specs.push_back(
      {"initial_sigma", d.initial_sigma, "initial standard deviation of the posterior"});
  specs.push_back({"kl_divisor", d.kl_divisor, "C of Eq. 16: KL(q || prior) is weighted by 1/C"});
  specs.push_back(
      {"ig_step", d.ig_step, "step size of the update whose KL is the information gain"});
  specs.push_back({"normalize_ig", d.normalize_ig,
                   "divide the information gain by the median gain so far (VIME)"});
  specs.push_back({"sharpening", d.sharpening, "posterior sharpening (Eq. 13-14)"});
  specs.push_back({"sharpening_sigma", d.sharpening_sigma, "sigma_0 of the sharpened posterior"});
  return specs;
}

CuriousOptions read_curious_options(const sdk::Params& params) {
  CuriousOptions options;
  options.eta = params.get_double("eta");
  auto buffer = params.get_int("buffer_size");
  options.replay_steps = params.get_int("replay_steps");
  options.prior_sigma = params.get_double("prior_sigma");
  options.initial_sigma = params.get_double("initial_sigma");
  options.kl_divisor = params.get_double("kl_divisor");
  options.ig_step = params.get_double("ig_step");
  options.normalize_ig = params.get_bool("normalize_ig");
  options.sharpening = params.get_bool("sharpening");
  options.sharpening_sigma = params.get_double("sharpening_sigma");
  if (options.eta < 0) throw sdk::InputError("controller.eta must not be negative");
  if (buffer < 0) throw sdk::InputError("controller.buffer_size must not be negative");
  if (options.replay_steps < 0)
    throw sdk::InputError("controller.replay_steps must not be negative");
  if (!(options.prior_sigma > 0)) throw sdk::InputError("controller.prior_sigma must be positive");
  if (!(options.initial_sigma > 0))
    throw sdk::InputError("controller.initial_sigma must be positive");
  if (!(options.kl_divisor > 0)) throw sdk::InputError("controller.kl_divisor must be positive");
  if (!(options.ig_step > 0)) throw sdk::InputError("controller.ig_step must be positive");
  if (!(options.sharpening_sigma > 0))
    throw sdk::InputError("controller.sharpening_sigma must be positive");
  options.buffer_size = static_cast<std::size_t>(buffer);
  return options;
}

CuriousController::CuriousController(PolicyConfig config, PolicyTraining training,
                                     CuriousOptions options, std::uint64_t seed)
    : policy_(std::move(config)),
      options_(options),
      generator_(at::make_generator<at::CPUGeneratorImpl>(seed)),
      rng_(seed),
      posterior_(policy_.weight_shapes(), training.init_range, options.initial_sigma, generator_),
      sharpening_rates_([&] {
        TensorList rates;
        if (options.sharpening)
          for (const auto& shape : policy_.weight_shapes())
            rates.push_back(torch::zeros(shape).requires_grad_());
        return rates;
      }()),
      optimizer_(adam_parameters(posterior_, sharpening_rates_), training.lr),
      training_(training),
      advantages_(training.baseline_decay, training.reward_scaling),
      buffer_(options.buffer_size) {}

std::vector<Architecture> CuriousController::propose(std::size_t count) {
  torch::NoGradGuard no_grad;
  return policy_.sample(posterior_.sample(posterior_.noise(generator_)), count, rng_);
}

double CuriousController::information_gain(const Architecture& architecture) {
  return information_gain(architecture, posterior_.noise(generator_));
}

double CuriousController::information_gain(const Architecture& architecture,
                                           const TensorList& noise) {
  auto weights = posterior_.sample(noise);
  auto loss = -policy_.log_prob(weights, {architecture}).sum() +
              posterior_.kl_to_prior(options_.prior_sigma).to(torch::kFloat) / options_.kl_divisor;
  const auto& means = posterior_.means();
  auto gradients = torch::autograd::grad({loss}, posterior_.parameters());
  TensorList mean_gradients(gradients.begin(),
                            gradients.begin() + static_cast<std::ptrdiff_t>(means.size()));
  TensorList rho_gradients(gradients.begin() + static_cast<std::ptrdiff_t>(means.size()),
                           gradients.end());
  auto after = posterior_.stepped(mean_gradients, rho_gradients, options_.ig_step);
  torch::NoGradGuard no_grad;
  return posterior_kl(after, posterior_.detached()).item<double>();
}

std::vector<double> CuriousController::intrinsic_rewards(
    const std::vector<Architecture>& architectures) {
  last_gains_.assign(architectures.size(), 0.0);
  if (options_.eta == 0) return last_gains_;  // plain Bayesian REINFORCE: no gain to compute
  auto noise = posterior_.noise(generator_);  // one draw for the batch, so gains compare fairly
  for (std::size_t k = 0; k < architectures.size(); ++k)
    last_gains_[k] = information_gain(architectures[k], noise);
  gain_history_.insert(gain_history_.end(), last_gains_.begin(), last_gains_.end());
  if (gain_history_.size() > kGainHistory)
    gain_history_.erase(gain_history_.begin(),
                        gain_history_.end() - static_cast<std::ptrdiff_t>(kGainHistory));
  auto intrinsic = last_gains_;
  double scale = options_.normalize_ig ? median(gain_history_) : 1.0;
  if (scale > 0)
    for (auto& gain : intrinsic) gain /= scale;
  return intrinsic;
}

Weights CuriousController::update_weights(const std::vector<Architecture>& architectures,
                                          const at::Tensor& advantages, at::Tensor& extra) {
  auto phi = posterior_.sample(posterior_.noise(generator_));
  extra = torch::zeros({});
  if (!options_.sharpening) return phi;
  // Eq. 14: theta ~ N(phi - eta * grad_phi L(phi), sigma_0^2). The gradient is taken at a detached
  // phi (first order); eta learns through theta, and KL(q(theta|phi) || N(phi, sigma_0^2)) is
  // sum (eta * g)^2 / (2 sigma_0^2).
  TensorList leaves;
  for (const auto& p : phi) leaves.push_back(p.detach().requires_grad_());
  auto surrogate = -(advantages * policy_.log_prob(leaves, architectures)).mean();
  // The last decision's embedding feeds nothing, so its gradient is undefined: read it as zero.
  auto gradients =
      torch::autograd::grad({surrogate}, leaves, {}, c10::nullopt, false, /*allow_unused=*/true);
  Weights theta;
  const double s0 = options_.sharpening_sigma;
  for (std::size_t i = 0; i < phi.size(); ++i) {
    if (!gradients[i].defined()) {
      theta.push_back(phi[i]);
      continue;
    }
    auto shift = sharpening_rates_[i] * gradients[i];
    theta.push_back(phi[i] - shift +
                    s0 * at::normal(0.0, 1.0, phi[i].sizes(), generator_, phi[i].options()));
    extra = extra + shift.pow(2).sum() / (2 * s0 * s0);
  }
  return theta;
}

void CuriousController::reinforce_step(const std::vector<Architecture>& architectures,
                                       const std::vector<double>& advantages) {
  auto weight = torch::tensor(advantages, torch::kFloat);
  at::Tensor extra;
  for (std::int64_t step = 0; step < training_.updates; ++step) {
    auto theta = update_weights(architectures, weight, extra);
    auto [log_p, entropy] = policy_.log_prob_and_entropy(theta, architectures);
    auto loss =
        -(weight * log_p).mean() - training_.entropy_weight * entropy.mean() + extra +
        posterior_.kl_to_prior(options_.prior_sigma).to(torch::kFloat) / options_.kl_divisor;
    loss.backward();
    optimizer_.step();
  }
}

void CuriousController::self_imitation_step() {
  std::vector<Architecture> architectures;
  std::vector<double> clipped;
  for (const auto& entry : buffer_.entries()) {
    double advantage = (entry.reward - advantages_.baseline()) / advantages_.scale();
    if (advantage > 0) architectures.push_back(entry.architecture), clipped.push_back(advantage);
  }
  if (architectures.empty()) return;
  auto weight = torch::tensor(clipped, torch::kFloat);
  auto theta = posterior_.sample(posterior_.noise(generator_));
  auto loss = -(weight * policy_.log_prob(theta, architectures)).sum() /
              static_cast<double>(buffer_.entries().size());
  loss.backward();
  optimizer_.step();
}

void CuriousController::observe(const std::vector<sdk::Observation>& observations) {
  if (observations.empty()) return;
  std::vector<Architecture> architectures;
  std::vector<double> rewards;
  for (const auto& o : observations)
    architectures.push_back(o.architecture), rewards.push_back(o.reward);
  auto intrinsic = intrinsic_rewards(architectures);
  for (std::size_t k = 0; k < rewards.size(); ++k)
    rewards[k] += options_.eta * intrinsic[k];  // Eq. 7
  reinforce_step(architectures, advantages_.advantages(rewards));
  for (const auto& o : observations) buffer_.add(o);
  for (std::int64_t step = 0; step < options_.replay_steps && buffer_.capacity() > 0; ++step)
    self_imitation_step();
}

std::string CuriousController::save_state() const {
  StateArchive archive;
  for (std::size_t i = 0; i < posterior_.means().size(); ++i) {
    archive.put_tensor("mu" + std::to_string(i), posterior_.means()[i]);
    archive.put_tensor("rho" + std::to_string(i), posterior_.rhos()[i]);
  }
  for (std::size_t i = 0; i < sharpening_rates_.size(); ++i)
    archive.put_tensor("sharpening" + std::to_string(i), sharpening_rates_[i]);
  optimizer_.save(archive, "adam.");
  advantages_.save(archive);
  archive.put_engine("rng", rng_);
  archive.put_generator("generator", generator_);
  archive.put_tensor("gain_history", torch::tensor(gain_history_, torch::kDouble));
  const auto& entries = buffer_.entries();
  archive.put_int("buffer_entries", static_cast<std::int64_t>(entries.size()));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    archive.put_tensor("buffer" + std::to_string(i),
                       torch::tensor(entries[i].architecture, torch::kLong));
    archive.put_double("buffer_reward" + std::to_string(i), entries[i].reward);
  }
  return archive.bytes();
}

void CuriousController::load_state(const std::string& state) {
  auto archive = StateArchive::parse(state, "curious controller");
  {
    torch::NoGradGuard no_grad;
    for (std::size_t i = 0; i < posterior_.means().size(); ++i) {
      posterior_.means()[i].copy_(
          archive.get_tensor("mu" + std::to_string(i), posterior_.means()[i].sizes()));
      posterior_.rhos()[i].copy_(
          archive.get_tensor("rho" + std::to_string(i), posterior_.rhos()[i].sizes()));
    }
    for (std::size_t i = 0; i < sharpening_rates_.size(); ++i)
      sharpening_rates_[i].copy_(
          archive.get_tensor("sharpening" + std::to_string(i), sharpening_rates_[i].sizes()));
  }
  optimizer_.load(archive, "adam.");
  advantages_.load(archive);
  archive.get_engine("rng", rng_);
  archive.get_generator("generator", generator_);
  auto history = archive.get_tensor("gain_history").to(torch::kDouble).contiguous();
  gain_history_.assign(history.data_ptr<double>(), history.data_ptr<double>() + history.numel());
  buffer_.clear();
  auto count = archive.get_int("buffer_entries");
  for (std::int64_t i = 0; i < count; ++i) {
    auto a = archive.get_tensor("buffer" + std::to_string(i),
                                {static_cast<std::int64_t>(policy_.decisions())});
    sdk::Observation entry;
    entry.architecture.assign(a.data_ptr<std::int64_t>(), a.data_ptr<std::int64_t>() + a.numel());
    entry.reward = archive.get_double("buffer_reward" + std::to_string(i));
    buffer_.add(entry);
  }
}

}  // namespace autood::controllers
