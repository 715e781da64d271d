// spectrum: the squared difference of the amplitude spectra of a window and its reconstruction,
// per channel (orthonormal real FFT over time), averaged over channels and frequencies. It ignores
// where in the window a pattern sits and sees what a pointwise error blurs: a changed period,
// a lost or added oscillation, noise where the signal was smooth. A spectrum has no time axis, so
// the map is the per-step squared error, [N, L], as for l2.
#include <torch/torch.h>
// torch/fft.h is not self-contained: it needs torch.h first.
#include <torch/fft.h>

#include "autood/sdk/distance.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

// |rfft(x)| over the last axis; the small constant keeps the gradient finite where it is zero.
at::Tensor amplitude(const at::Tensor& x) {
  auto spectrum = torch::fft::rfft(x, c10::nullopt, -1, "ortho");
  return (torch::view_as_real(spectrum).pow(2).sum(-1) + 1e-12).sqrt();
}

class Spectrum : public autood::sdk::Distance {
 public:
  at::Tensor per_sample(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    return (amplitude(reconstruction) - amplitude(x)).pow(2).flatten(1).mean(1);
  }
  at::Tensor per_pixel(const at::Tensor& reconstruction, const at::Tensor& x) const override {
    return (reconstruction - x).pow(2).mean(1);
  }
};

void register_spectrum(autood::sdk::Registrar& registrar) {
  autood::sdk::DistanceChoice choice;
  choice.name = "spectrum";
  choice.summary = "squared difference of the windows' amplitude spectra";
  choice.ranks = {3};
  choice.create = [] { return std::make_shared<Spectrum>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("spectrum", "1.0.0", register_spectrum)
