#include "TensorAdam.hpp"

#include <torch/torch.h>

#include <cmath>

#include "StateArchive.hpp"

namespace autood::controllers {

TensorAdam::TensorAdam(std::vector<at::Tensor> parameters, double lr, double beta1, double beta2, double epsilon)
    : parameters_(std::move(parameters)), lr_(lr), beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {
  for (const auto& p : parameters_) {
    first_moment_.push_back(torch::zeros_like(p));
    second_moment_.push_back(torch::zeros_like(p));
  }
}

void TensorAdam::step() {
  torch::NoGradGuard no_grad;
  ++steps_;
  const double correction1 = 1 - std::pow(beta1_, static_cast<double>(steps_));
  const double correction2 = 1 - std::pow(beta2_, static_cast<double>(steps_));
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    auto& p = parameters_[i];
    if (!p.grad().defined()) continue;
    const auto& g = p.grad();
    first_moment_[i].mul_(beta1_).add_(g, 1 - beta1_);
    second_moment_[i].mul_(beta2_).addcmul_(g, g, 1 - beta2_);
    auto denominator = (second_moment_[i] / correction2).sqrt_().add_(epsilon_);
    p.addcdiv_(first_moment_[i], denominator, -lr_ / correction1);
  }
  zero_grad();
}

void TensorAdam::zero_grad() {
  for (auto& p : parameters_)
    if (p.grad().defined()) p.mutable_grad() = at::Tensor();
}

void TensorAdam::save(StateArchive& archive, const std::string& prefix) const {
  archive.put_int(prefix + "steps", steps_);
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    archive.put_tensor(prefix + "m" + std::to_string(i), first_moment_[i]);
    archive.put_tensor(prefix + "v" + std::to_string(i), second_moment_[i]);
  }
}

void TensorAdam::load(const StateArchive& archive, const std::string& prefix) {
  steps_ = archive.get_int(prefix + "steps");
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    first_moment_[i].copy_(archive.get_tensor(prefix + "m" + std::to_string(i), first_moment_[i].sizes()));
    second_moment_[i].copy_(archive.get_tensor(prefix + "v" + std::to_string(i), second_moment_[i].sizes()));
  }
}

}  // namespace autood::controllers
