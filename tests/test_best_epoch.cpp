// Final training's checkpoint on validation: the child ends at its best epoch's weights and
// hypothesis state, compared with the same training watched epoch by epoch.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>
#include <map>

#include "TestSupport.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"
#include "search/BestEpochKeeper.hpp"
#include "train/ChildTrainer.hpp"

using namespace autood;

namespace {

using State = std::map<std::string, at::Tensor>;

State copy_state(Child& child) {
  State state;
  for (const auto& p : child.model->named_parameters()) state["m." + p.key()] = p.value().clone();
  for (const auto& b : child.model->named_buffers()) state["m." + b.key()] = b.value().clone();
  for (const auto& b : child.hypothesis->named_buffers()) state["h." + b.key()] = b.value().clone();
  return state;
}

bool same_state(const State& a, const State& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [name, tensor] : a)
    if (!b.count(name) || !torch::equal(tensor, b.at(name))) return false;
  return true;
}

// A fresh centroid (Deep SVDD) child on 12 features, the same weights each time.
Child fresh_child(const Registry& registry) {
  ModelSpec spec;
  spec.hypothesis = "centroid";
  spec.distance = "l2";
  spec.layers = {{{"dense", {{"width", 8}}}, {}, {"no_norm", {}}, {"tanh", {}}},
                 {{"dense", {{"width", 4}}}, {}, {"no_norm", {}}, {"tanh", {}}}};
  torch::manual_seed(5);
  return make_child(spec, registry, sdk::Shape{{12}}, {}, host_logger());
}

// Records the state after every epoch, so that the kept one can be checked against it.
struct EpochRecorder : TrainObserver {
  bool after_epoch(Child& child, std::int64_t epochs_done) override {
    states[epochs_done] = copy_state(child);
    return true;
  }
  std::map<std::int64_t, State> states;
};

// The keeper, told these rewards after epochs 1, 2, ... in turn.
struct ScriptedKeeper {
  explicit ScriptedKeeper(std::vector<double> rewards)
      : keeper([this, rewards](Child&) { return rewards.at(calls++); }) {}
  std::size_t calls = 0;
  BestEpochKeeper keeper;
};

}  // namespace

TEST_CASE("best epoch: the child ends at the epoch with the best validation reward") {
  auto loaded = test::load({test::builtin_plugins()});
  torch::manual_seed(3);
  const auto data = torch::randn({96, 12});
  TrainConfig train;
  train.epochs = 4;
  train.batch_size = 32;
  train.lr = 0.01;

  // The reference: the same training, its state recorded after each epoch and at the end.
  Child reference = fresh_child(loaded->registry);
  EpochRecorder recorder;
  train_child(reference, data, train, 11, c10::Device(c10::kCPU), &recorder);
  const State last = copy_state(reference);
  REQUIRE(recorder.states.size() == 3);  // after epochs 1 to 3; the 4th is the end of training
  REQUIRE_FALSE(same_state(recorder.states[2], last));  // or restoring could not be seen

  SUBCASE("an earlier epoch was best: its weights and the hypothesis's radius return") {
    Child child = fresh_child(loaded->registry);
    // Epochs 1..3 through after_epoch, then the end of training through settle; NaN is never kept.
    ScriptedKeeper scripted({0.70, 0.90, std::nan(""), 0.80});
    train_child(child, data, train, 11, c10::Device(c10::kCPU), &scripted.keeper);
    CHECK(scripted.keeper.settle(child, 4) == 2);
    CHECK(scripted.keeper.best_reward() == 0.90);
    CHECK(scripted.calls == 4);
    CHECK(same_state(copy_state(child), recorder.states[2]));
  }
  SUBCASE("the last epoch was best, or tied with the best: the child stays as trained") {
    Child child = fresh_child(loaded->registry);
    ScriptedKeeper scripted({0.70, 0.90, 0.85, 0.90});
    train_child(child, data, train, 11, c10::Device(c10::kCPU), &scripted.keeper);
    CHECK(scripted.keeper.settle(child, 4) == 4);
    CHECK(same_state(copy_state(child), last));
  }
}
