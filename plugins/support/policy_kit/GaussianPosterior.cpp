#include "GaussianPosterior.hpp"

#include <torch/torch.h>

#include <cmath>

#include "autood/sdk/errors.hpp"

namespace autood::controllers {

double rho_for_sigma(double sigma) {
  if (!(sigma > 0)) throw sdk::InputError("a posterior's initial sigma must be positive");
  return std::log(std::expm1(sigma));
}

GaussianPosterior::GaussianPosterior(const std::vector<std::vector<std::int64_t>>& shapes, double mean_range,
                                     double initial_sigma, at::Generator& generator) {
  const double rho = rho_for_sigma(initial_sigma);
  for (const auto& shape : shapes) {
    means_.push_back(torch::empty(shape, torch::kFloat).uniform_(-mean_range, mean_range, generator).requires_grad_());
    rhos_.push_back(torch::full(shape, rho, torch::kFloat).requires_grad_());
  }
}

GaussianPosterior::GaussianPosterior(TensorList means, TensorList rhos) : means_(std::move(means)), rhos_(std::move(rhos)) {}

TensorList GaussianPosterior::parameters() const {
  TensorList all = means_;
  all.insert(all.end(), rhos_.begin(), rhos_.end());
  return all;
}

TensorList GaussianPosterior::sigmas() const {
  TensorList sigmas;
  for (const auto& rho : rhos_) sigmas.push_back(torch::softplus(rho));
  return sigmas;
}

TensorList GaussianPosterior::noise(at::Generator& generator) const {
  TensorList eps;
  for (const auto& mean : means_) eps.push_back(at::normal(0.0, 1.0, mean.sizes(), generator, mean.options().requires_grad(false)));
  return eps;
}

TensorList GaussianPosterior::sample(const TensorList& noise) const {
  TensorList weights;
  for (std::size_t i = 0; i < means_.size(); ++i) weights.push_back(means_[i] + torch::softplus(rhos_[i]) * noise[i]);
  return weights;
}

at::Tensor GaussianPosterior::kl_to_prior(double prior_sigma) const {
  TensorList prior_means, prior_sigmas;
  for (const auto& mean : means_) {
    prior_means.push_back(torch::zeros_like(mean));
    prior_sigmas.push_back(torch::full_like(mean, prior_sigma));
  }
  return diagonal_gaussian_kl(means_, sigmas(), prior_means, prior_sigmas);
}

GaussianPosterior GaussianPosterior::stepped(const TensorList& mean_gradients, const TensorList& rho_gradients,
                                             double step) const {
  torch::NoGradGuard no_grad;
  TensorList means, rhos;
  for (std::size_t i = 0; i < means_.size(); ++i) {
    means.push_back(means_[i].detach() - step * mean_gradients[i]);
    rhos.push_back(rhos_[i].detach() - step * rho_gradients[i]);
  }
  return GaussianPosterior(std::move(means), std::move(rhos));
}

GaussianPosterior GaussianPosterior::detached() const {
  TensorList means, rhos;
  for (std::size_t i = 0; i < means_.size(); ++i) {
    means.push_back(means_[i].detach());
    rhos.push_back(rhos_[i].detach());
  }
  return GaussianPosterior(std::move(means), std::move(rhos));
}

at::Tensor diagonal_gaussian_kl(const TensorList& mean_a, const TensorList& sigma_a, const TensorList& mean_b,
                                const TensorList& sigma_b) {
  at::Tensor total = torch::zeros({}, torch::kDouble);
  for (std::size_t i = 0; i < mean_a.size(); ++i) {
    auto a = sigma_a[i].to(torch::kDouble), b = sigma_b[i].to(torch::kDouble);
    auto difference = (mean_a[i] - mean_b[i]).to(torch::kDouble);
    total = total + (torch::log(b / a) + (a.pow(2) + difference.pow(2)) / (2 * b.pow(2)) - 0.5).sum();
  }
  return total;
}

at::Tensor posterior_kl(const GaussianPosterior& a, const GaussianPosterior& b) {
  return diagonal_gaussian_kl(a.means(), a.sigmas(), b.means(), b.sigmas());
}

}  // namespace autood::controllers
