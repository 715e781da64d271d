// The reward (model/ChildReward): the one rule every caller ranks children by, and a child's
// measure against that rule worked out here from the model's own outputs, pair by pair.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>
#include <limits>
#include <vector>

#include "TestSupport.hpp"
#include "autood/sdk/distance.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "log/Logging.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"
#include "model/ChildReward.hpp"
#include "model/ChildScoring.hpp"

using namespace autood;

namespace {

const c10::Device kCpu(c10::kCPU);

// AUROC by its definition: the share of (outlier, normal) pairs the outlier wins, ties counting
// one half.
double pair_auroc(const at::Tensor& scores, const std::vector<int>& is_outlier) {
  const auto s = scores.to(torch::kDouble).contiguous();
  double won = 0.0, pairs = 0.0;
  for (std::size_t i = 0; i < is_outlier.size(); ++i)
    for (std::size_t j = 0; j < is_outlier.size(); ++j)
      if (is_outlier[i] == 1 && is_outlier[j] == 0) {
        const double a = s[i].item<double>(), b = s[j].item<double>();
        won += a > b ? 1.0 : a == b ? 0.5 : 0.0;
        pairs += 1.0;
      }
  return won / pairs;
}

Child make(const Registry& registry, const std::string& hypothesis, const std::string& op,
           sdk::Shape shape) {
  ModelSpec spec;
  spec.hypothesis = hypothesis;
  spec.distance = "l2";
  if (op == "dense")
    spec.layers = {{{"dense", {{"width", 8}}}, {}, {"no_norm", {}}, {"tanh", {}}},
                   {{"dense", {{"width", 4}}}, {}, {"no_norm", {}}, {"tanh", {}}}};
  else
    spec.layers = {{{"conv", {{"channels", 3}, {"kernel", 3}}}, {}, {"no_norm", {}}, {"tanh", {}}}};
  torch::manual_seed(11);
  return make_child(spec, registry, shape, {}, host_logger());
}

}  // namespace

TEST_CASE("the reward rule: the validation AUROC, or the pixel metric data.pixel_metric names") {
  DataSplits data;
  const DetectionMetrics validation{0.7, 0.1, 0.2};
  const PixelMetrics pixels{0.9, 0.4};
  CHECK(reward_of(data, validation, pixels) == 0.7);
  data.validation.masks = torch::zeros({1, 1, 2, 2});  // a segmentation set
  CHECK(reward_of(data, validation, pixels) == 0.9);   // pixel AUROC by default
  data.pixel_metric = "pro";
  CHECK(reward_of(data, validation, pixels) == 0.4);
}

TEST_CASE(
    "a child's reward is the AUROC of dist + lambda * REG on validation, and NaN when a "
    "validation score is not finite") {
  auto loaded = test::load({test::builtin_plugins()});
  Child child = make(loaded->registry, "centroid", "dense", sdk::Shape{{12}});
  torch::manual_seed(4);
  child.hypothesis->initialize(latent_pass(child, torch::randn({64, 12}), kCpu));

  DataSplits data;
  data.validation.samples = torch::randn({40, 12});
  data.validation.samples.slice(0, 30) += 1.5;  // the last ten are the outliers
  data.validation.is_outlier.assign(40, 0);
  std::fill(data.validation.is_outlier.begin() + 30, data.validation.is_outlier.end(), 1);
  const double lambda = 0.5;
  ChildReward reward(data, lambda, kCpu);
  const double measured = reward.measure(child);

  // The score worked out in one full batch from the model's parts: the distance plus lambda
  // times the hypothesis's term (SPEC section 4).
  double expected = 0.0, distance_only = 0.0;
  {
    torch::NoGradGuard no_grad;
    child.model->eval();
    child.hypothesis->eval();
    const auto& x = data.validation.samples;
    auto output = child.model->forward(x);
    auto dist = child.distance->per_sample(output.reconstruction, x);
    auto reg =
        child.hypothesis->score_term(sdk::encode(output.latent, dist, x, output.reconstruction));
    expected = pair_auroc(dist.to(torch::kDouble) + lambda * reg.to(torch::kDouble),
                          data.validation.is_outlier);
    distance_only = pair_auroc(dist, data.validation.is_outlier);
    child.model->train();
  }
  CHECK(measured == doctest::Approx(expected).epsilon(1e-12));
  CHECK(distance_only != doctest::Approx(expected));  // so lambda * REG is seen to count

  data.validation.samples[3][0] = std::numeric_limits<float>::quiet_NaN();
  CHECK(std::isnan(reward.measure(child)));
}

TEST_CASE(
    "a segmentation child's reward is the pixel AUROC, or PRO, of its anomaly maps weighted by "
    "the weight map (Eq. 20)") {
  auto loaded = test::load({test::builtin_plugins()});
  Child child = make(loaded->registry, "reconstruction", "conv", sdk::Shape{{1, 8, 8}});
  torch::manual_seed(6);
  DataSplits data;
  auto& set = data.validation;
  set.samples = torch::rand({5, 1, 8, 8});
  set.masks = torch::zeros({5, 1, 8, 8});
  for (int i = 0; i < 5; ++i) {  // a 2x2 defect per image, moving across both halves
    set.masks[i][0].slice(0, i, i + 2).slice(1, i + 1, i + 3).fill_(1.0f);
    set.samples[i][0].slice(0, i, i + 2).slice(1, i + 1, i + 3) += 0.8f;
  }
  set.is_outlier.assign(5, 1);
  data.weight_map = torch::ones({1, 8, 8});
  data.weight_map.slice(2, 0, 4).fill_(0.2f);  // the left half counts a fifth

  at::Tensor maps;
  {
    torch::NoGradGuard no_grad;
    child.model->eval();
    auto output = child.model->forward(set.samples);
    maps = child.distance->per_pixel(output.reconstruction, set.samples).to(torch::kDouble);
    child.model->train();
  }
  const auto masks = set.masks.flatten().gt(0.5).to(torch::kInt).contiguous();
  const std::vector<int> labels(masks.data_ptr<int>(), masks.data_ptr<int>() + masks.numel());
  const double weighted = pair_auroc((maps * data.weight_map.to(torch::kDouble)).flatten(), labels);
  const double unweighted = pair_auroc(maps.flatten(), labels);
  REQUIRE(weighted != doctest::Approx(unweighted));  // the weight map changes the ranking here

  ChildReward reward(data, 0.0, kCpu);
  const auto pixels = reward.pixels(child, set);
  CHECK(pixels.pixel_auroc == doctest::Approx(weighted).epsilon(1e-12));
  CHECK(reward.measure(child) == pixels.pixel_auroc);
  data.pixel_metric = "pro";
  CHECK(reward.measure(child) == pixels.pro);
  CHECK(pixels.pro != pixels.pixel_auroc);
}
