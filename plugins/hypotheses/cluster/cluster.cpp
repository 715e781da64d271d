// The cluster hypothesis: DEC (Xie et al. 2016). Normal latents fall near one of K centres.
//   soft assignment Q: q_ij = (1 + |z_i - mu_j|^2 / alpha)^(-(alpha+1)/2), normalised over j
//   sharpened target P: p_ij = (q_ij^2 / f_j) / sum_j' (q_ij'^2 / f_j'), f_j = sum_i q_ij
//   training term: KL(P || Q), averaged over the batch, with P held fixed (no gradient)
//   score term: -log max_j q_ij
// As in DEC, the cluster frequencies f_j are taken over the whole training set (the sample the
// trainer hands end_epoch), not over one mini-batch, and refreshed after every epoch. And as in
// DEC, the centres are placed by k-means (k-means++ seeding) after `warmup_epochs` epochs of
// reconstruction alone, on latents that mean something, not on the untrained encoder's; the KL
// term starts after that. warmup_epochs = 0 places them on the initial latents.
#include <torch/torch.h>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

constexpr int kKMeansIterations = 30;

// Lloyd's k-means with k-means++ seeding; deterministic under torch::manual_seed.
at::Tensor kmeans(const at::Tensor& z, std::int64_t k) {
  auto n = z.size(0);
  std::vector<at::Tensor> seeds{z[torch::randint(n, {1}, torch::kLong).item<std::int64_t>()]};
  for (std::int64_t j = 1; j < k; ++j) {
    auto nearest = torch::cdist(z, torch::stack(seeds)).pow(2).amin(1);
    auto pick = nearest.sum().item<double>() > 0
                    ? torch::multinomial(nearest, 1).item<std::int64_t>()
                    : torch::randint(n, {1}, torch::kLong).item<std::int64_t>();
    seeds.push_back(z[pick]);
  }
  auto centres = torch::stack(seeds).clone();
  for (int iteration = 0; iteration < kKMeansIterations; ++iteration) {
    auto assignment = torch::cdist(z, centres).argmin(1);
    for (std::int64_t j = 0; j < k; ++j) {
      auto members = assignment.eq(j);
      if (members.any().item<bool>()) centres[j] = z.index({members}).mean(0);
    }
  }
  return centres;
}

class Cluster : public autood::sdk::Hypothesis {
 public:
  Cluster(std::int64_t latent_dim, std::int64_t k, double alpha, std::int64_t warmup_epochs)
      : k_(k), alpha_(alpha), warmup_epochs_(warmup_epochs) {
    centres_ = register_parameter("centres", torch::zeros({k, latent_dim}));
    // Buffers, so that a saved model keeps them: f_j, and whether the centres are placed.
    frequencies_ = register_buffer("frequencies", torch::ones({k}));
    placed_ = register_buffer("placed", torch::zeros({}));
  }

  void initialize(const autood::sdk::Encoded& training) override {
    if (warmup_epochs_ == 0) place_centres(training.z);
  }

  void end_epoch(const autood::sdk::Encoded& training) override {
    ++epochs_;
    if (!placed() && epochs_ >= warmup_epochs_) place_centres(training.z);
    if (placed()) refresh_frequencies(training.z);
  }

  at::Tensor training_term(const autood::sdk::Encoded& batch) override {
    if (!placed()) return torch::zeros({}, batch.z.options());  // warm-up: reconstruction alone
    auto q = soft_assignment(batch.z);
    auto p = target_distribution(q.detach());
    return (p * (p.clamp_min(1e-12).log() - q.clamp_min(1e-12).log())).sum(1).mean();
  }

  at::Tensor score_term(const autood::sdk::Encoded& samples) override {
    return -std::get<0>(soft_assignment(samples.z).max(1)).clamp_min(1e-12).log();
  }

 private:
  at::Tensor soft_assignment(const at::Tensor& z) const {
    auto squared = (z.unsqueeze(1) - centres_.unsqueeze(0)).pow(2).sum(2);  // [N, K]
    auto kernel = (1 + squared / alpha_).pow(-(alpha_ + 1) / 2);
    return kernel / kernel.sum(1, true);
  }

  at::Tensor target_distribution(const at::Tensor& q) const {
    auto weight = q.pow(2) / frequencies_.to(q.dtype()).unsqueeze(0);
    return weight / weight.sum(1, true);
  }

  bool placed() const { return placed_.item<double>() > 0; }

  void place_centres(const at::Tensor& z) {
    torch::NoGradGuard no_grad;
    auto points = z.detach().to(centres_.dtype());
    auto k = std::min<std::int64_t>(k_, points.size(0));
    auto found = kmeans(points, k);
    centres_.slice(0, 0, k).copy_(found);
    if (k < k_) centres_.slice(0, k).copy_(found[0].expand({k_ - k, found.size(1)}));
    placed_.fill_(1);
    refresh_frequencies(z);
  }

  // f_j over the whole training sample; scaling f does not change P, so the sum is kept.
  void refresh_frequencies(const at::Tensor& z) {
    torch::NoGradGuard no_grad;
    frequencies_.copy_(soft_assignment(z.detach().to(centres_.dtype())).sum(0).clamp_min(1e-12));
  }

  std::int64_t k_;
  double alpha_;
  std::int64_t warmup_epochs_;
  std::int64_t epochs_ = 0;  // epochs seen in this training; a loaded model is already placed
  at::Tensor centres_, frequencies_, placed_;
};

void register_cluster(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "cluster";
  choice.summary = "DEC: normal latents lie near one of K cluster centres";
  choice.params = {{"k", std::int64_t{5}, "number of clusters", 1, 1000},
                   {"alpha", 1.0, "degrees of freedom of the Student-t kernel", 1e-6, 1e6},
                   {"warmup_epochs", std::int64_t{1},
                    "epochs of reconstruction alone before k-means places the centres", 0, 100000}};
  choice.create = [](const autood::sdk::HypothesisContext& context) {
    auto k = context.params.get_int("k");
    auto alpha = context.params.get_double("alpha");
    if (k < 1) throw autood::sdk::InputError("hypothesis.cluster.k must be at least 1");
    if (!(alpha > 0)) throw autood::sdk::InputError("hypothesis.cluster.alpha must be positive");
    auto warmup = context.params.get_int("warmup_epochs");
    if (warmup < 0 || warmup > 1000)
      throw autood::sdk::InputError("hypothesis.cluster.warmup_epochs must be from 0 to 1000");
    return std::make_shared<Cluster>(context.latent_dim, k, alpha, warmup);
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("cluster", "1.1.0", register_cluster)
