// bench_controller_learning: how fast each controller learns at the budgets people run, on a
// reward with a known optimum, so that no child is trained. The reward is the fraction of the
// paper's 20 decisions (N = 3) equal to a hidden target (tests/SyntheticReward.hpp), times
// --scale, plus Gaussian noise of --noise; batch 4 as in the paper.
//
// For each controller, over --seeds seeds: the mean (and standard error) of the best noiseless
// reward among the first 100 and 200 proposals, and of the mean reward of proposals 151-200.
// Random search is the floor. This is the measurement the controllers' defaults were chosen by:
//   build/bin/bench_controller_learning                       every controller at its defaults
//   build/bin/bench_controller_learning --controller reinforce --set lr=0.01 --set updates=5
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

#include "../tests/SyntheticReward.hpp"
#include "BenchSupport.hpp"
#include "analysis/Comparison.hpp"
#include "autood/sdk/controller.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "plugin/PluginLoader.hpp"
#include "plugin/PluginPaths.hpp"

using namespace autood;

namespace {

constexpr std::size_t kBatch = 4;
constexpr std::size_t kBudget = 200;

struct Options {
  std::vector<std::string> controllers;  // empty: every loaded one
  RawOptions overrides;
  int seeds = 10;
  double noise = 0.0, scale = 1.0;
};

// "lr=0.01" -> a double, "updates=5" -> an int, "sharpening=true" -> a bool, else a string.
RawOption parse_value(const std::string& text) {
  if (text == "true" || text == "false") return {text == "true", "--set"};
  try {
    std::size_t used = 0;
    auto as_int = std::stoll(text, &used);
    if (used == text.size()) return {static_cast<std::int64_t>(as_int), "--set"};
    auto as_double = std::stod(text, &used);
    if (used == text.size()) return {as_double, "--set"};
  } catch (const std::exception&) {
  }
  return {text, "--set"};
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--controller") {
      options.controllers.push_back(next());
    } else if (arg == "--set") {
      auto assignment = next();
      auto eq = assignment.find('=');
      if (eq == std::string::npos)
        throw std::invalid_argument("--set " + assignment + ": expected key=value");
      options.overrides[assignment.substr(0, eq)] = parse_value(assignment.substr(eq + 1));
    } else if (arg == "--seeds") {
      options.seeds = std::stoi(next());
    } else if (arg == "--noise") {
      options.noise = std::stod(next());
    } else if (arg == "--scale") {
      options.scale = std::stod(next());
    } else {
      throw std::invalid_argument(
          "unknown argument " + arg +
          " (valid: --controller NAME, --set key=value, --seeds N, --noise SD, --scale S)");
    }
  }
  return options;
}

struct SeedResult {
  double best_100 = 0, best_200 = 0, late_mean = 0;
};

SeedResult run_one(const sdk::ControllerChoice& choice, const RawOptions& overrides,
                   std::uint64_t seed, const Options& options) {
  const auto counts = test::paper_option_counts();
  const auto target = test::hidden_target(counts);
  sdk::ControllerContext context;
  context.option_counts = counts;
  context.seed = seed;
  context.params = resolve_options(choice.params, overrides, "controller");
  auto controller = choice.create(context);
  std::mt19937_64 noise_rng(seed * 7919 + 17);
  std::normal_distribution<double> noise(0.0, options.noise);
  SeedResult result;
  double late_sum = 0;
  for (std::size_t evaluated = 0; evaluated < kBudget;) {
    std::vector<sdk::Observation> observations;
    for (auto& a : controller->propose(kBatch)) {
      const double clean = test::synthetic_reward(a, target);
      ++evaluated;
      if (evaluated <= 100) result.best_100 = std::max(result.best_100, clean);
      result.best_200 = std::max(result.best_200, clean);
      if (evaluated > 150) late_sum += clean;
      observations.push_back(
          {a, options.scale * clean + (options.noise > 0 ? noise(noise_rng) : 0.0)});
    }
    controller->observe(observations);
  }
  result.late_mean = late_sum / 50;
  return result;
}

std::string mean_se(const std::vector<double>& values) {
  const auto stat = mean_and_std(values);
  char text[64];
  std::snprintf(text, sizeof text, "%.3f ± %.3f", stat.mean, stat.se);
  return text;
}

}  // namespace

int main(int argc, char** argv) try {
  auto options = parse(argc, argv);
  Registry registry;
  bench::load_builtin_plugins(registry, 1);
  if (options.controllers.empty()) options.controllers = registry.names(sdk::Kind::Controller);
  std::printf(
      "bench_controller_learning: 20 decisions, batch %zu, %zu evaluations, %d seeds, noise %.3g, "
      "scale %.3g\n",
      kBatch, kBudget, options.seeds, options.noise, options.scale);
  std::printf("random guessing scores %.3f on average; mean ± standard error over seeds\n\n",
              test::random_expectation(test::paper_option_counts()));
  std::printf("| %-10s | %15s | %15s | %17s |\n", "controller", "best @100", "best @200",
              "mean of 151-200");
  std::printf("|------------|-----------------|-----------------|-------------------|\n");
  for (const auto& name : options.controllers) {
    const auto& choice = registry.get<sdk::ControllerChoice>(name);
    RawOptions applicable;  // each controller takes the overrides it declares
    for (const auto& [key, value] : options.overrides)
      for (const auto& spec : choice.params)
        if (spec.name == key) applicable[key] = value;
    std::vector<double> best_100, best_200, late;
    for (int s = 1; s <= options.seeds; ++s) {
      auto r = run_one(choice, applicable, static_cast<std::uint64_t>(s), options);
      best_100.push_back(r.best_100), best_200.push_back(r.best_200), late.push_back(r.late_mean);
    }
    std::printf("| %-10s | %15s | %15s | %17s |\n", name.c_str(), mean_se(best_100).c_str(),
                mean_se(best_200).c_str(), mean_se(late).c_str());
    std::fflush(stdout);
  }
  return 0;
} catch (const std::exception& error) {
  std::cerr << "bench_controller_learning: " << error.what() << "\n";
  return 1;
}
