// The density hypothesis: DAGMM (Zong et al. 2018). Normal samples have a low energy under a
// Gaussian mixture fitted to their features.
//   features h = [z_c, z_r] (Eq. 1-3): the latent code z_c and the reconstruction features z_r,
//     the relative Euclidean distance |x - x'| / |x| and the cosine similarity of x and x'. A
//     latent wider than `max_latent` is first projected linearly to that width (learnt), since a
//     full covariance over thousands of dimensions is neither estimable from a batch nor
//     affordable.
//   estimation network: h -> Linear(10) -> tanh -> Dropout(0.5) -> Linear(K) -> softmax = gamma
//     (memberships), with the paper's dropout; the mixture that scores is refitted without it
//   mixture from gamma: phi_k = mean_i gamma_ik, mu_k and Sigma_k the gamma-weighted mean and
//     covariance, plus epsilon on the diagonal
//   energy E(h) = -log sum_k phi_k N(h | mu_k, Sigma_k)
//   training term: lambda_energy * mean E + lambda_cov * sum_k sum_j 1 / Sigma_k[j, j]
//   score term: E(h) under the mixture fitted on the training data after the last epoch, in
//     double precision
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

constexpr double kCovarianceEpsilon = 1e-6;
constexpr double kDropout = 0.5;  // DAGMM's estimation network (Zong et al. 2018, section 4)
constexpr std::int64_t kReconstructionFeatures = 2;  // relative distance, cosine similarity

struct Mixture {
  at::Tensor phi;    // [K]
  at::Tensor mu;     // [K, D]
  at::Tensor sigma;  // [K, D, D]
};

Mixture fit_mixture(const at::Tensor& h, const at::Tensor& gamma) {
  auto weight = gamma.sum(0) + 1e-12;                   // [K]
  auto mu = gamma.t().matmul(h) / weight.unsqueeze(1);  // [K, D]
  auto centred = h.unsqueeze(0) - mu.unsqueeze(1);      // [K, N, D]
  auto weighted = centred * gamma.t().unsqueeze(2);     // [K, N, D]
  auto sigma = weighted.transpose(1, 2).matmul(centred) / weight.view({-1, 1, 1});
  auto eye = torch::eye(h.size(1), h.options()).unsqueeze(0);
  return {gamma.mean(0), mu, sigma + kCovarianceEpsilon * eye};
}

// The Cholesky factors of every Sigma_k. A component that collapses onto a few samples (or a
// feature that is constant) is singular to float precision despite the epsilon on its diagonal;
// then more is added to the diagonal, tenfold each time, as GP libraries do, until all factor.
at::Tensor factor_covariances(const at::Tensor& sigma) {
  constexpr int kAttempts = 8;
  auto eye = torch::eye(sigma.size(1), sigma.options()).unsqueeze(0);
  const double scale =
      std::max(sigma.detach().diagonal(0, 1, 2).abs().mean().item<double>(), kCovarianceEpsilon);
  double jitter = 0;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    auto [factor, info] = at::linalg_cholesky_ex(jitter > 0 ? sigma + jitter * eye : sigma);
    if (info.eq(0).all().item<bool>()) return factor;
    jitter = jitter > 0 ? jitter * 10 : 1e-6 * scale;
  }
  throw std::runtime_error("density: a mixture covariance is not positive definite (" +
                           std::string(torch::isfinite(sigma).all().item<bool>()
                                           ? "even with jitter on its diagonal)"
                                           : "it is not finite)"));
}

// -log sum_k phi_k N(h | mu_k, Sigma_k), per sample, through Cholesky factors, in h's precision.
// The factors come from Sigma in the mixture's own precision, so that a covariance needs the same
// jitter whether the energy is computed in float (training) or in double (scoring).
at::Tensor energy(const at::Tensor& h, const Mixture& m) {
  const double d = static_cast<double>(h.size(1));
  const auto type = h.scalar_type();
  auto chol = factor_covariances(m.sigma).to(type);                              // [K, D, D]
  auto centred = (h.unsqueeze(0) - m.mu.to(type).unsqueeze(1)).transpose(1, 2);  // [K, D, N]
  auto solved = at::linalg_solve_triangular(chol, centred, /*upper=*/false);
  auto mahalanobis = solved.pow(2).sum(1);                 // [K, N]
  auto log_det = 2 * chol.diagonal(0, 1, 2).log().sum(1);  // [K]
  auto log_density = -0.5 * (mahalanobis + log_det.unsqueeze(1) + d * std::log(2 * M_PI));
  auto log_weighted = log_density + m.phi.to(type).clamp_min(1e-12).log().unsqueeze(1);
  return -torch::logsumexp(log_weighted, 0);
}

class Density : public autood::sdk::Hypothesis {
 public:
  Density(std::int64_t latent_dim, std::int64_t k, std::int64_t max_latent, double lambda_energy,
          double lambda_cov)
      : lambda_energy_(lambda_energy), lambda_cov_(lambda_cov) {
    std::int64_t width = latent_dim;
    if (latent_dim > max_latent) {
      projection_ = register_module("projection", torch::nn::Linear(latent_dim, max_latent));
      width = max_latent;
    }
    estimation_ = register_module(
        "estimation", torch::nn::Sequential(torch::nn::Linear(width + kReconstructionFeatures, 10),
                                            torch::nn::Tanh(), torch::nn::Dropout(kDropout),
                                            torch::nn::Linear(10, k)));
    const std::int64_t d = width + kReconstructionFeatures;
    phi_ = register_buffer("phi", torch::full({k}, 1.0 / static_cast<double>(k)));
    mu_ = register_buffer("mu", torch::zeros({k, d}));
    sigma_ = register_buffer("sigma", torch::eye(d).repeat({k, 1, 1}));
  }

  void initialize(const autood::sdk::Encoded& training) override { refit(training); }
  void end_epoch(const autood::sdk::Encoded& training) override { refit(training); }

  at::Tensor training_term(const autood::sdk::Encoded& batch) override {
    auto h = features(batch);
    auto mixture = fit_mixture(h, memberships(h));
    auto penalty = (1.0 / mixture.sigma.diagonal(0, 1, 2)).sum();
    return lambda_energy_ * energy(h, mixture).mean() + lambda_cov_ * penalty;
  }

  // In double precision, projection included. A near-singular mixture magnifies a feature's
  // rounding a thousandfold, and BLAS rounds a product (the projection, the triangular solve) by
  // a sample's position in the batch: in float that moved a saved model's scores by 2e-4 from
  // the search's; in double the same rounding is 1e-16 and stays below 1e-12 after the mixture.
  at::Tensor score_term(const autood::sdk::Encoded& samples) override {
    return energy(features(samples, torch::kDouble), {phi_, mu_, sigma_});
  }

 private:
  // h = [z_c, z_r] in the latent's own type (training), or in `type` (scoring).
  at::Tensor features(const autood::sdk::Encoded& in, std::optional<at::ScalarType> type = {}) {
    if (!in.relative_error.defined() || !in.cosine.defined())
      throw autood::sdk::Rejected("density needs the reconstruction features of Encoded");
    const auto t = type.value_or(in.z.scalar_type());
    auto latent = in.z.to(t);
    if (projection_)
      latent = torch::linear(latent, projection_->weight.to(t), projection_->bias.to(t));
    return torch::cat({latent, in.relative_error.to(t).unsqueeze(1), in.cosine.to(t).unsqueeze(1)},
                      1);
  }
  at::Tensor memberships(const at::Tensor& h) { return torch::softmax(estimation_->forward(h), 1); }

  // The mixture that scores new samples: fitted on the training sample, without gradients.
  void refit(const autood::sdk::Encoded& training) {
    torch::NoGradGuard no_grad;
    const bool was_training = estimation_->is_training();
    estimation_->eval();  // the memberships without dropout's noise
    auto h = features(training).detach();
    auto mixture = fit_mixture(h, memberships(h));
    estimation_->train(was_training);
    phi_.copy_(mixture.phi);
    mu_.copy_(mixture.mu);
    sigma_.copy_(mixture.sigma);
  }

  double lambda_energy_;
  double lambda_cov_;
  torch::nn::Linear projection_{nullptr};
  torch::nn::Sequential estimation_{nullptr};
  at::Tensor phi_, mu_, sigma_;
};

void register_density(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "density";
  choice.summary =
      "DAGMM: outliers have a high energy under a Gaussian mixture of the latents and "
      "reconstruction features";
  choice.params = {
      {"k", std::int64_t{4}, "mixture components", 1, 64},
      {"max_latent", std::int64_t{8}, "latents wider than this are projected to it", 1, 1024},
      {"lambda_energy", 0.1, "weight of the sample energy in training", 0, 1e6},
      {"lambda_cov", 0.005, "weight of the covariance-diagonal penalty", 0, 1e6}};
  choice.create = [](const autood::sdk::HypothesisContext& context) {
    const auto& p = context.params;
    if (p.get_int("k") < 1 || p.get_int("max_latent") < 1)
      throw autood::sdk::InputError("hypothesis.density.k and max_latent must be at least 1");
    return std::make_shared<Density>(context.latent_dim, p.get_int("k"), p.get_int("max_latent"),
                                     p.get_double("lambda_energy"), p.get_double("lambda_cov"));
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("density", "1.3.0", register_density)
