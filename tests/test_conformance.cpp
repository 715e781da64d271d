// Every registered choice of every kind, run on a tiny input: the contracts of the SDK that each
// plugin must keep, whatever it computes. A new plugin is covered here without a line of test;
// its own folder's test checks what it computes.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include "TestSupport.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/layer_op.hpp"
#include "config/Config.hpp"
#include "data/SyntheticOutliers.hpp"
#include "log/Logging.hpp"
#include "plugin/OptionCheck.hpp"

using namespace autood;

namespace {

// A tiny sample shape of each batch rank: a table, a series, an image.
const std::map<int, sdk::Shape> kTinyShapes = {
    {2, sdk::Shape{{6}}}, {3, sdk::Shape{{3, 16}}}, {4, sdk::Shape{{3, 8, 8}}}};

std::vector<int> ranks_of(const std::vector<int>& declared) {
  if (!declared.empty()) return declared;
  std::vector<int> all;
  for (const auto& [rank, shape] : kTinyShapes) all.push_back(rank);
  return all;
}

torch::Tensor batch_of(const sdk::Shape& shape, std::int64_t n) {
  std::vector<std::int64_t> sizes{n};
  sizes.insert(sizes.end(), shape.dims.begin(), shape.dims.end());
  return torch::rand(sizes);
}

// Each decision at its first and at its last option.
std::vector<sdk::OpArgs> corner_args(const sdk::LayerOpChoice& choice) {
  std::vector<sdk::OpArgs> all(2);
  for (const auto& decision : choice.decisions) {
    REQUIRE_FALSE(decision.options.empty());
    all[0].push_back({decision.name, decision.options.front()});
    all[1].push_back({decision.name, decision.options.back()});
  }
  return all;
}

bool finite(const torch::Tensor& t) { return torch::isfinite(t).all().item<bool>(); }

}  // namespace

TEST_CASE("conformance: every layer op builds an encoder and a decoder that keep their shapes") {
  torch::manual_seed(0);
  auto loaded = test::load({test::builtin_plugins()});
  int checked = 0;
  for (const auto& [name, entry] : loaded->registry.table<sdk::LayerOpChoice>().entries()) {
    for (int rank : ranks_of(entry.choice.ranks)) {
      const auto& in = kTinyShapes.at(rank);
      for (const auto& args : corner_args(entry.choice)) {
        CAPTURE(name);
        CAPTURE(rank);
        CAPTURE(args.back().second);
        std::shared_ptr<sdk::LayerOp> op;
        sdk::Shape out;
        try {
          op = entry.choice.create(args);
          out = op->encoder_output(in);
        } catch (const sdk::Rejected&) {
          continue;  // an op may refuse a combination; only the search must cope with it
        }
        auto encoder = op->make_encoder(in);
        auto decoder = op->make_decoder(out, in);
        REQUIRE(encoder);
        REQUIRE(decoder);
        auto x = batch_of(in, 4).requires_grad_(true);
        auto h = encoder->forward(x);
        CHECK(h.sizes().slice(1).vec() == out.dims);
        auto back = decoder->forward(h);
        CHECK(back.sizes() == x.sizes());
        back.pow(2).mean().backward();
        CHECK(finite(back));
        CHECK(finite(x.grad()));
        ++checked;
      }
    }
  }
  CHECK(checked >= 2 * static_cast<int>(loaded->registry.names(sdk::Kind::Layer).size()));
}

TEST_CASE(
    "conformance: every distance is about zero on a perfect copy, positive off it, and maps") {
  torch::manual_seed(1);
  auto loaded = test::load({test::builtin_plugins()});
  for (const auto& [name, entry] : loaded->registry.table<sdk::DistanceChoice>().entries()) {
    for (int rank : ranks_of(entry.choice.ranks)) {
      CAPTURE(name);
      CAPTURE(rank);
      auto distance = entry.choice.create();
      auto x = batch_of(kTinyShapes.at(rank), 3);
      auto r = (x + 0.3 * torch::randn_like(x)).requires_grad_(true);
      auto d = distance->per_sample(r, x);
      CHECK(d.sizes() == torch::IntArrayRef{3});
      CHECK((d > 0).all().item<bool>());
      // About zero on a perfect copy: small against any real error (l2_1 adds a tiny constant
      // per row to keep its gradient finite).
      CHECK(distance->per_sample(x, x).abs().max().item<double>() < 1e-3 * d.min().item<double>());
      d.sum().backward();
      CHECK(finite(r.grad()));
      // The map drops the channels of images and series; a table's map is per feature.
      auto map = distance->per_pixel(r.detach(), x);
      CHECK(map.size(0) == 3);
      CHECK(map.dim() == (rank == 2 ? 2 : rank - 1));
      CHECK((map >= 0).all().item<bool>());
    }
  }
}

TEST_CASE("conformance: every hypothesis gives a finite scalar loss and one finite score each") {
  torch::manual_seed(2);
  auto loaded = test::load({test::builtin_plugins()});
  for (const auto& [name, entry] : loaded->registry.table<sdk::HypothesisChoice>().entries()) {
    CAPTURE(name);
    sdk::HypothesisContext context;
    context.latent_dim = 4;
    context.params = resolve_options(entry.choice.params, {}, "hypothesis." + name);
    auto hypothesis = entry.choice.create(context);
    auto x = torch::rand({16, 6});
    auto x_hat = x + 0.1 * torch::randn_like(x);
    auto encoded = [&](std::int64_t n) {
      auto z = torch::randn({n, 4});
      return sdk::encode(z, (x_hat - x).pow(2).mean(1).slice(0, 0, n), x.slice(0, 0, n),
                         x_hat.slice(0, 0, n));
    };
    hypothesis->initialize(encoded(16));
    auto loss = hypothesis->training_term(encoded(8));
    CHECK(loss.dim() == 0);
    CHECK(finite(loss));
    if (entry.choice.uses_labels) {  // and with labelled outliers in the batch
      auto labelled = encoded(8);
      labelled.label = torch::tensor({0, 1, 0, 0, 1, 0, 0, 0}, torch::kFloat);
      auto labelled_loss = hypothesis->training_term(labelled);
      CHECK(labelled_loss.dim() == 0);
      CHECK(finite(labelled_loss));
    }
    hypothesis->end_epoch(encoded(16));
    auto score = hypothesis->score_term(encoded(8));
    CHECK(score.sizes() == torch::IntArrayRef{8});
    CHECK(finite(score));
  }
}

TEST_CASE("conformance: every controller proposes valid indices and resumes from its state") {
  auto loaded = test::load({test::builtin_plugins()});
  for (const auto& [name, entry] : loaded->registry.table<sdk::ControllerChoice>().entries()) {
    CAPTURE(name);
    sdk::ControllerContext context;
    context.option_counts = {3, 1, 4, 2};
    context.seed = 7;
    context.params = resolve_options(entry.choice.params, {}, "controller");
    auto first = entry.choice.create(context);
    for (int round = 0; round < 2; ++round) {
      auto batch = first->propose(3);
      REQUIRE(batch.size() == 3);
      std::vector<sdk::Observation> observed;
      for (const auto& architecture : batch) {
        REQUIRE(architecture.size() == context.option_counts.size());
        for (std::size_t i = 0; i < architecture.size(); ++i) {
          CHECK(architecture[i] >= 0);
          CHECK(architecture[i] < context.option_counts[i]);
        }
        observed.push_back({architecture, 0.1 * static_cast<double>(architecture[2] + round)});
      }
      first->observe(observed);
    }
    // A controller restored from the saved state proposes what the first one does next.
    auto second = entry.choice.create(context);
    second->load_state(first->save_state());
    CHECK(second->propose(4) == first->propose(4));
  }
}

TEST_CASE("conformance: every dataset loader loads or refuses its default options cleanly") {
  auto loaded = test::load({test::builtin_plugins()});
  for (const auto& [name, entry] : loaded->registry.table<sdk::DatasetChoice>().entries()) {
    CAPTURE(name);
    auto loader = entry.choice.create();
    REQUIRE(loader);
    auto params = resolve_options(entry.choice.params, {}, "data.source");
    // With no file named, a loader either makes data (a generator) or says what is missing with
    // an InputError; anything else (a crash, another exception) fails here.
    try {
      auto data = loader->load(params, host_logger());
      CHECK(data.samples.defined());
      CHECK(data.samples.size(0) > 0);
      CHECK(finite(data.samples));
      if (data.labels.defined()) CHECK(data.labels.size(0) == data.samples.size(0));
    } catch (const sdk::InputError& error) {
      CAPTURE(error.what());
      CHECK(test::contains(error.what(), "data.source.path must name"));  // the key to set
    }
  }
}

TEST_CASE("conformance: every generator keeps the input's shape, repeats its seed, changes it") {
  auto loaded = test::load({test::builtin_plugins()});
  for (const auto& [name, entry] : loaded->registry.table<sdk::GeneratorChoice>().entries()) {
    CAPTURE(name);
    REQUIRE(!entry.choice.ranks.empty());
    const auto generator = configure_generator(loaded->registry, name, {});
    for (int rank : entry.choice.ranks) {
      CAPTURE(rank);
      std::vector<std::int64_t> shape{12};
      for (auto d : kTinyShapes.at(rank).dims) shape.push_back(d);
      const auto normal = torch::rand(shape);
      const auto kept = normal.clone();
      // generate_checked refuses another shape, masks of another shape and values not finite.
      const auto first = generate_checked(generator, normal, 5, host_logger());
      const auto again = generate_checked(generator, normal, 5, host_logger());
      CHECK(torch::equal(first.samples, again.samples));
      CHECK(first.masks.defined() == again.masks.defined());
      if (first.masks.defined()) CHECK(torch::equal(first.masks, again.masks));
      CHECK_FALSE(torch::equal(first.samples, normal));
      // The input itself is left alone.
      CHECK(torch::equal(normal, kept));
    }
  }
}
