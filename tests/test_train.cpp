// Child training: what a child does when the wall-time cap cuts its training short.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/distance.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"
#include "train/ChildTrainer.hpp"

using namespace autood;

namespace {

ModelSpec dense_spec(const std::string& hypothesis) {
  ModelSpec spec;
  spec.hypothesis = hypothesis;
  spec.distance = "l2";
  spec.layers = {{{"dense", {{"width", 8}}}, {}, {"no_norm", {}}, {"tanh", {}}},
                 {{"dense", {{"width", 4}}}, {}, {"no_norm", {}}, {"tanh", {}}}};
  return spec;
}

}  // namespace

TEST_CASE(
    "training: a child cut by the wall-time cap still ends its epoch, so DAGMM's mixture "
    "fits the trained latents") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& registry = loaded->registry;
  torch::manual_seed(3);
  auto data = torch::randn({256, 12});
  torch::manual_seed(0);
  // One component, so that the mixture is the features' mean and covariance whatever the
  // estimation network says.
  HypothesisConfig one_component;
  one_component.options["density"] = {{"k", {std::int64_t{1}, "test"}}};
  Child child =
      make_child(dense_spec("density"), registry, sdk::Shape{{12}}, one_component, host_logger());
  TrainConfig train;
  train.epochs = 3;
  train.batch_size = 32;
  train.lr = 0.05;           // large, so that one step moves the latents visibly
  train.max_seconds = 1e-9;  // every step is over the cap: training stops after the first
  auto outcome = train_child(child, data, train, 0, c10::Device(c10::kCPU));
  REQUIRE(outcome.hit_time_cap);
  CHECK(outcome.steps == 1);
  CHECK(outcome.epochs == 0);

  // Independently: the latents and distances of the trained model, and a fresh mixture fitted
  // to them. The capped child's mixture must be that one, not the one fitted before training.
  torch::NoGradGuard no_grad;
  child.model->eval();
  auto output = child.model->forward(data);
  auto dist = child.distance->per_sample(output.reconstruction, data);
  const auto& choice = registry.get<sdk::HypothesisChoice>("density");
  sdk::HypothesisContext context;
  context.latent_dim = 4;
  context.params =
      resolve_options(choice.params, one_component.options["density"], "hypothesis.density");
  auto fresh = choice.create(context);
  fresh->end_epoch(sdk::encode(output.latent, dist, data, output.reconstruction));
  auto trained_mu = child.hypothesis->named_buffers()["mu"];
  auto fresh_mu = fresh->named_buffers()["mu"];
  CHECK(torch::allclose(trained_mu, fresh_mu, 1e-4, 1e-5));

  // And the state before training differs, or this test could not fail.
  torch::manual_seed(0);
  Child untrained =
      make_child(dense_spec("density"), registry, sdk::Shape{{12}}, one_component, host_logger());
  untrained.model->eval();
  auto before = untrained.model->forward(data);
  auto before_fit = choice.create(context);
  before_fit->end_epoch(sdk::encode(before.latent,
                                    untrained.distance->per_sample(before.reconstruction, data),
                                    data, before.reconstruction));
  CHECK_FALSE(torch::allclose(before_fit->named_buffers()["mu"], fresh_mu, 1e-4, 1e-5));
}

TEST_CASE("encode: DAGMM's relative Euclidean distance and cosine similarity, by hand") {
  // Three samples of shape [1, 2], flattened to two values each.
  auto x = torch::tensor({3.0, 4.0, 1.0, 1.0, 2.0, 0.0}, torch::kDouble).view({3, 1, 2});
  auto x_hat = torch::tensor({3.0, 0.0, 0.0, 0.0, 2.0, 0.0}, torch::kDouble)
                   .view({3, 1, 2})
                   .requires_grad_();
  auto encoded = sdk::encode(torch::zeros({3, 1}), torch::zeros({3}), x, x_hat);
  // (3, 4) against (3, 0): |(0, 4)| / |(3, 4)| = 4 / 5, and 9 / (5 * 3) = 0.6.
  CHECK(encoded.relative_error[0].item<double>() == doctest::Approx(0.8));
  CHECK(encoded.cosine[0].item<double>() == doctest::Approx(0.6));
  // A zero reconstruction: the error is the whole input, the cosine 0 rather than NaN.
  CHECK(encoded.relative_error[1].item<double>() == doctest::Approx(1.0));
  CHECK(encoded.cosine[1].item<double>() == 0.0);
  // A perfect one: 0 and 1, and a finite gradient where the difference's norm is 0.
  CHECK(encoded.relative_error[2].item<double>() == 0.0);
  CHECK(encoded.cosine[2].item<double>() == doctest::Approx(1.0));
  (encoded.relative_error.sum() + encoded.cosine.sum()).backward();
  CHECK(torch::isfinite(x_hat.grad()).all().item<bool>());
}
