#pragma once
// Bayes-by-backprop's variational posterior (paper Eq. 10): every weight has its own Gaussian,
// q(theta_i) = N(mu_i, softplus(rho_i)^2), and a sample is theta = mu + softplus(rho) * eps, which
// keeps the sample differentiable in mu and rho.
#include <ATen/Tensor.h>
#include <ATen/core/Generator.h>

#include <cstdint>
#include <vector>

namespace autood::controllers {

using TensorList = std::vector<at::Tensor>;

class GaussianPosterior {
 public:
  // Means uniform in [-mean_range, mean_range], every sigma equal to initial_sigma.
  GaussianPosterior(const std::vector<std::vector<std::int64_t>>& shapes, double mean_range, double initial_sigma,
                    at::Generator& generator);
  GaussianPosterior(TensorList means, TensorList rhos);

  const TensorList& means() const { return means_; }
  const TensorList& rhos() const { return rhos_; }
  TensorList parameters() const;  // the means, then the rhos: what the optimiser moves
  TensorList sigmas() const;      // softplus(rho)

  TensorList noise(at::Generator& generator) const;     // eps ~ N(0, 1), one per weight
  TensorList sample(const TensorList& noise) const;      // mu + sigma * eps, differentiable
  at::Tensor kl_to_prior(double prior_sigma) const;      // KL(q || N(0, prior_sigma^2)), closed form
  // A detached copy moved by one gradient step of size step on (mu, rho): the posterior after an
  // update on new evidence, as VIME's information gain needs it.
  GaussianPosterior stepped(const TensorList& mean_gradients, const TensorList& rho_gradients, double step) const;
  GaussianPosterior detached() const;

 private:
  TensorList means_, rhos_;
};

// KL(N(mean_a, sigma_a^2) || N(mean_b, sigma_b^2)) summed over every coordinate of every tensor:
// sum log(sigma_b / sigma_a) + (sigma_a^2 + (mean_a - mean_b)^2) / (2 sigma_b^2) - 1/2.
at::Tensor diagonal_gaussian_kl(const TensorList& mean_a, const TensorList& sigma_a, const TensorList& mean_b,
                                const TensorList& sigma_b);
// The same divergence between two posteriors.
at::Tensor posterior_kl(const GaussianPosterior& a, const GaussianPosterior& b);

double rho_for_sigma(double sigma);  // the inverse of softplus

}  // namespace autood::controllers
