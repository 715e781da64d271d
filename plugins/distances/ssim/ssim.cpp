// SSIM distance: 1 - SSIM, as scikit-image computes it (Wang et al. 2004): an 11x11 Gaussian
// window with sigma 1.5 (truncated at 3.5 sigma), population covariances, K1 = 0.01, K2 = 0.03,
// data range 1, symmetric padding at the borders, and the mean taken over the image less a
// 5-pixel border and over channels. The map is 1 - SSIM per pixel (no crop), averaged over
// channels.
#include <torch/torch.h>

#include <cmath>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

constexpr double kSigma = 1.5;
constexpr std::int64_t kRadius = 5;  // int(3.5 * sigma + 0.5)
constexpr double kC1 = 0.01 * 0.01;  // (K1 * data range)^2
constexpr double kC2 = 0.03 * 0.03;

// Index of position p in [-r, n + r) under symmetric ("half-sample") reflection, any n.
std::int64_t mirror(std::int64_t p, std::int64_t n) {
  std::int64_t period = 2 * n;
  std::int64_t q = ((p % period) + period) % period;
  return q < n ? q : period - 1 - q;
}

at::Tensor mirror_index(std::int64_t n) {
  std::vector<std::int64_t> index;
  for (std::int64_t p = -kRadius; p < n + kRadius; ++p) index.push_back(mirror(p, n));
  return torch::tensor(index, torch::kLong);
}

at::Tensor gaussian_kernel(const at::TensorOptions& options) {
  std::vector<double> weights;
  double total = 0;
  for (std::int64_t i = -kRadius; i <= kRadius; ++i) {
    weights.push_back(std::exp(-0.5 * static_cast<double>(i * i) / (kSigma * kSigma)));
    total += weights.back();
  }
  for (auto& w : weights) w /= total;
  return torch::tensor(weights, torch::kDouble).to(options);
}

// Separable Gaussian filter of [B, 1, H, W] with symmetric padding, as scipy's 'reflect'.
at::Tensor gaussian_filter(const at::Tensor& image) {
  auto kernel = gaussian_kernel(image.options());
  auto padded = image.index_select(2, mirror_index(image.size(2)).to(image.device()))
                    .index_select(3, mirror_index(image.size(3)).to(image.device()));
  auto vertical = torch::conv2d(padded, kernel.view({1, 1, -1, 1}));
  return torch::conv2d(vertical, kernel.view({1, 1, 1, -1}));
}

// SSIM per pixel of each channel: [N, C, H, W].
at::Tensor ssim_map(const at::Tensor& a, const at::Tensor& b) {
  auto shape = a.sizes().vec();
  auto x = a.reshape({-1, 1, shape[2], shape[3]});
  auto y = b.reshape({-1, 1, shape[2], shape[3]});
  auto ux = gaussian_filter(x), uy = gaussian_filter(y);
  auto vx = gaussian_filter(x * x) - ux * ux;
  auto vy = gaussian_filter(y * y) - uy * uy;
  auto vxy = gaussian_filter(x * y) - ux * uy;
  auto s = ((2 * ux * uy + kC1) * (2 * vxy + kC2)) / ((ux * ux + uy * uy + kC1) * (vx + vy + kC2));
  return s.reshape(shape);
}

class Ssim : public autood::sdk::Distance {
 public:
  at::Tensor per_sample(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    auto s = ssim_map(reconstruction, x);
    // Like scikit-image, leave out the border where the window reaches past the image.
    if (s.size(2) > 2 * kRadius && s.size(3) > 2 * kRadius)
      s = s.slice(2, kRadius, s.size(2) - kRadius).slice(3, kRadius, s.size(3) - kRadius);
    return 1 - s.flatten(1).mean(1);
  }
  at::Tensor per_pixel(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    return 1 - ssim_map(reconstruction, x).mean(1);
  }
};

void register_ssim(autood::sdk::Registrar& registrar) {
  autood::sdk::DistanceChoice choice;
  choice.name = "ssim";
  choice.summary = "1 - SSIM with an 11x11 Gaussian window, sigma 1.5";
  choice.ranks = {4};
  choice.create = [] { return std::make_shared<Ssim>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("ssim", "1.0.0", register_ssim)
