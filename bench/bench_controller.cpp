// bench_controller: each controller's own time per proposal and update, as a fraction of the
// training time of one child of the main job (configs/default.toml: 4 epochs over the 3600
// training images of one Fashion-MNIST class, batch 64). Target: under 1%.
//
// The controllers run on the paper's space at N = 3 (the decisions and option counts come from
// the loaded plugins) with the default search.batch of 4 and a synthetic reward, so no child is
// trained while they are timed.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "BenchSupport.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/dataset.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"
#include "plugin/PluginLoader.hpp"
#include "plugin/PluginPaths.hpp"
#include "space/SearchSpace.hpp"
#include "train/ChildTrainer.hpp"

using namespace autood;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kBatch = 4;
constexpr int kIterations = 25;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One child of the main job: a middle-sized architecture (16 then 32 channels, 5x5 and 3x3
// kernels), the default training settings, 3600 images.
double default_child_seconds(const Registry& registry) {
  const auto& idx = registry.get<sdk::DatasetChoice>("idx");
  RawOptions raw{{"limit", {std::int64_t{3600}, "bench"}}, {"labels", {std::string(), "bench"}}};
  auto data =
      idx.create()->load(resolve_options(idx.params, raw, "data.source"), host_logger()).samples;
  ModelSpec spec;
  spec.hypothesis = "reconstruction";
  spec.distance = "l2";
  spec.layers = {
      {{"conv", {{"channels", 16}, {"kernel", 5}}},
       {"avg_pool", {{"kernel", 3}}},
       {"batch_norm", {}},
       {"relu", {}}},
      {{"conv", {{"channels", 32}, {"kernel", 3}}},
       {"max_pool", {{"kernel", 3}}},
       {"no_norm", {}},
       {"tanh", {}}},
      {{"conv", {{"channels", 16}, {"kernel", 3}}},
       {"avg_pool", {{"kernel", 1}}},
       {"no_norm", {}},
       {"relu", {}}},
  };
  torch::manual_seed(0);
  auto child = make_child(spec, registry, sdk::Shape{{1, 28, 28}}, {}, host_logger());
  TrainConfig train;
  train.epochs = 4;
  train.batch_size = 64;
  auto start = Clock::now();
  train_child(child, data, train, 0, c10::Device(c10::kCPU));
  return seconds_since(start);
}

struct ControllerTimes {
  double propose = 0, observe = 0;  // seconds per iteration of kBatch children
};

ControllerTimes time_controller(const Registry& registry, const std::string& name,
                                const std::vector<std::int64_t>& counts) {
  const auto& choice = registry.get<sdk::ControllerChoice>(name);
  sdk::ControllerContext context;
  context.option_counts = counts;
  context.seed = 1;
  context.params = resolve_options(choice.params, {}, "controller");
  auto controller = choice.create(context);
  ControllerTimes times;
  for (int i = 0; i < kIterations; ++i) {
    auto start = Clock::now();
    auto batch = controller->propose(kBatch);
    times.propose += seconds_since(start);
    std::vector<sdk::Observation> observations;
    for (auto& a : batch) observations.push_back({a, static_cast<double>(a[0] == 1) * 0.5 + 0.25});
    start = Clock::now();
    controller->observe(observations);
    times.observe += seconds_since(start);
  }
  times.propose /= kIterations;
  times.observe /= kIterations;
  return times;
}

}  // namespace

int main() try {
  Registry registry;
  bench::load_builtin_plugins(registry, 0);
  auto space = SearchSpace::assemble(registry, sdk::Shape{{1, 28, 28}}, 3, SpaceConfig{});
  const auto counts = space.option_counts();

  const double child = default_child_seconds(registry);
  std::printf("bench_controller: %zu decisions (N = 3), batch %zu, %d iterations, %d threads\n",
              counts.size(), kBatch, kIterations, at::get_num_threads());
  std::printf("one default child (4 epochs, 3600 images, batch 64): %.2f s\n\n", child);
  std::printf("| %-10s | %14s | %14s | %16s | %14s |\n", "controller", "propose (ms)",
              "observe (ms)", "per child (ms)", "of a child");
  std::printf(
      "|------------|----------------|----------------|------------------|----------------|\n");
  for (const auto& name : registry.names(sdk::Kind::Controller)) {  // every loaded controller
    auto t = time_controller(registry, name, counts);
    double per_child = (t.propose + t.observe) / kBatch;
    std::printf("| %-10s | %14.3f | %14.3f | %16.3f | %13.4f%% |\n", name.c_str(), 1000 * t.propose,
                1000 * t.observe, 1000 * per_child, 100 * per_child / child);
  }
  std::printf("\ntarget: under 1%% of a child's training time\n");
  return 0;
} catch (const std::exception& error) {
  std::cerr << "bench_controller: " << error.what() << "\n";
  return 1;
}
