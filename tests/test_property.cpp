// Property: every point of the paper's space builds and trains. Architectures are drawn
// uniformly from the full space (all built-in plugins, N = 3); each must build, run forward and
// backward on a tiny batch with its hypothesis and distance, and give finite scores. Under the
// shape rules of SPEC section 2 none needs rejecting, and this asserts it.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <random>

#include "TestSupport.hpp"
#include "autood/sdk/distance.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "compute/Device.hpp"
#include "log/Logging.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"
#include "space/SearchSpace.hpp"

using namespace autood;

namespace {

constexpr int kDraws = 160;  // per input shape: 320 in all

// Builds the child and takes one training step and one scoring pass; returns "" or the problem.
std::string exercise(const SearchSpace& space, const Registry& registry,
                     const sdk::Architecture& a) {
  auto spec = space.decode(a);
  Child child = make_child(spec, registry, space.input_shape(), {}, host_logger());
  std::vector<std::int64_t> dims{2};
  dims.insert(dims.end(), space.input_shape().dims.begin(), space.input_shape().dims.end());
  auto x = torch::rand(dims);
  auto output = child.model->forward(x);
  auto encoded = sdk::encode(output.latent, child.distance->per_sample(output.reconstruction, x), x,
                             output.reconstruction);
  sdk::Encoded detached{encoded.z.detach(), encoded.dist.detach(), encoded.relative_error.detach(),
                        encoded.cosine.detach()};
  child.hypothesis->initialize(detached);
  auto loss = encoded.dist.mean() + child.hypothesis->training_term(encoded);
  if (!std::isfinite(loss.item<double>())) return "loss is not finite";
  loss.backward();
  child.hypothesis->end_epoch(detached);
  torch::NoGradGuard no_grad;
  child.model->eval();
  child.hypothesis->eval();
  auto scored = child.model->forward(x);
  auto d = child.distance->per_sample(scored.reconstruction, x);
  auto score =
      d + child.hypothesis->score_term(sdk::encode(scored.latent, d, x, scored.reconstruction));
  if (!torch::isfinite(score).all().item<bool>()) return "score is not finite";
  return "";
}

void check_uniform_draws(const sdk::Shape& shape, std::uint64_t seed) {
  configure_threads(0);
  auto loaded = test::load({test::builtin_plugins()});
  auto space = SearchSpace::assemble(loaded->registry, shape, 3);
  REQUIRE(space.option_counts().size() == 20);  // 6N + 2
  std::mt19937_64 rng(seed);
  torch::manual_seed(static_cast<std::uint64_t>(seed));
  int trained = 0;
  for (int draw = 0; draw < kDraws; ++draw) {
    sdk::Architecture a;
    for (auto count : space.option_counts())
      a.push_back(std::uniform_int_distribution<std::int64_t>(0, count - 1)(rng));
    std::string problem;
    try {
      problem = exercise(space, loaded->registry, a);
    } catch (const std::exception& error) {
      problem = error.what();
    }
    CAPTURE(describe(space.decode(a)));
    CHECK(problem == "");
    trained += problem.empty();
  }
  CHECK(trained == kDraws);
}

}  // namespace

TEST_CASE("property: uniform draws of the full space train on 28x28x1") {
  check_uniform_draws(sdk::Shape{{1, 28, 28}}, 1);
}

TEST_CASE("property: uniform draws of the full space train on 32x32x3") {
  check_uniform_draws(sdk::Shape{{3, 32, 32}}, 2);
}
