// The cluster hypothesis: DEC (Xie et al. 2016). Normal latents fall near one of K centres.
//   soft assignment Q: q_ij = (1 + |z_i - mu_j|^2 / alpha)^(-(alpha+1)/2), normalised over j
//   sharpened target P: p_ij = (q_ij^2 / f_j) / sum_j' (q_ij'^2 / f_j'), f_j = sum_i q_ij
//   training term: KL(P || Q), averaged over the batch, with P held fixed (no gradient)
//   score term: -log max_j q_ij
// The centres are parameters, initialised by k-means (k-means++ seeding) on the initial latents.
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
    auto pick = nearest.sum().item<double>() > 0 ? torch::multinomial(nearest, 1).item<std::int64_t>()
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
  Cluster(std::int64_t latent_dim, std::int64_t k, double alpha) : k_(k), alpha_(alpha) {
    centres_ = register_parameter("centres", torch::zeros({k, latent_dim}));
  }

  void initialize(const at::Tensor& z, const at::Tensor&) override {
    torch::NoGradGuard no_grad;
    auto points = z.detach();
    auto k = std::min<std::int64_t>(k_, points.size(0));
    auto found = kmeans(points, k);
    centres_.slice(0, 0, k).copy_(found);
    if (k < k_) centres_.slice(0, k).copy_(found[0].expand({k_ - k, found.size(1)}));
  }

  at::Tensor training_term(const at::Tensor& z, const at::Tensor&) override {
    auto q = soft_assignment(z);
    auto p = target_distribution(q.detach());
    return (p * (p.clamp_min(1e-12).log() - q.clamp_min(1e-12).log())).sum(1).mean();
  }

  at::Tensor score_term(const at::Tensor& z, const at::Tensor&) override {
    return -std::get<0>(soft_assignment(z).max(1)).clamp_min(1e-12).log();
  }

 private:
  at::Tensor soft_assignment(const at::Tensor& z) const {
    auto squared = (z.unsqueeze(1) - centres_.unsqueeze(0)).pow(2).sum(2);  // [N, K]
    auto kernel = (1 + squared / alpha_).pow(-(alpha_ + 1) / 2);
    return kernel / kernel.sum(1, true);
  }

  static at::Tensor target_distribution(const at::Tensor& q) {
    auto weight = q.pow(2) / q.sum(0, true);
    return weight / weight.sum(1, true);
  }

  std::int64_t k_;
  double alpha_;
  at::Tensor centres_;
};

void register_cluster(autood::sdk::Registrar& registrar) {
  autood::sdk::HypothesisChoice choice;
  choice.name = "cluster";
  choice.summary = "DEC: normal latents lie near one of K cluster centres";
  choice.params = {{"k", std::int64_t{5}, "number of clusters"},
                   {"alpha", 1.0, "degrees of freedom of the Student-t kernel"}};
  choice.create = [](const autood::sdk::HypothesisContext& context) {
    auto k = context.params.get_int("k");
    auto alpha = context.params.get_double("alpha");
    if (k < 1) throw autood::sdk::InputError("hypothesis.cluster.k must be at least 1");
    if (!(alpha > 0)) throw autood::sdk::InputError("hypothesis.cluster.alpha must be positive");
    return std::make_shared<Cluster>(context.latent_dim, k, alpha);
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("cluster", "1.0.0", register_cluster)
