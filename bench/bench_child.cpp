// bench_child: child-training throughput against PyTorch eager, in the same run.
//
// Trains the paper's Table IV Fashion-MNIST architecture (hypothesis cluster, distance l2,1,
// three layers) for a fixed number of steps at batch 64 through the real plugins and trainer,
// then runs bench/reference_child.py: the same architecture written as a PyTorch user would
// (ConvTranspose2d decoder, default settings) with Debian's python3-torch, which is the same
// LibTorch build, from the same initial weights and batches. It prints images per second, the
// ratio, the achieved GFLOP/s against a measured convolution peak, and how far the two runs'
// losses are apart.
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "BenchSupport.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "autood/sdk/layer_op.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"
#include "plugin/PluginLoader.hpp"
#include "plugin/PluginPaths.hpp"
#include "train/ChildTrainer.hpp"

using namespace autood;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kBatch = 64;

struct Options {
  std::int64_t steps = 40;
  std::int64_t warmup = 5;
  std::string python = "/usr/bin/python3";
  bool reference = true;
  bool show_losses = false;
};

// Table IV, Fashion-MNIST: cluster / l2,1 and three layers.
ModelSpec table_iv_fashion_mnist() {
  ModelSpec spec;
  spec.hypothesis = "cluster";
  spec.distance = "l2_1";
  spec.layers = {
      {{"conv", {{"channels", 16}, {"kernel", 1}}},
       {"avg_pool", {{"kernel", 1}}},
       {"no_norm", {}},
       {"sigmoid", {}}},
      {{"conv", {{"channels", 32}, {"kernel", 5}}},
       {"avg_pool", {{"kernel", 7}}},
       {"no_norm", {}},
       {"relu6", {}}},
      {{"conv", {{"channels", 16}, {"kernel", 1}}},
       {"avg_pool", {{"kernel", 1}}},
       {"instance_norm", {}},
       {"leaky_relu", {}}},
  };
  return spec;
}

// Multiply-adds of every convolution, forward, per image, times 2 for FLOPs.
double conv_flops_per_image(const ModelSpec& spec, std::int64_t channels, std::int64_t size) {
  double flops = 0;
  for (const auto& layer : spec.layers) {
    std::int64_t out = sdk::arg(layer.transform.args, "channels"),
                 k = sdk::arg(layer.transform.args, "kernel");
    std::int64_t pool = sdk::arg(layer.pool.args, "kernel");
    std::int64_t pooled = pool == 1 ? size : (size + 2 * (pool / 2) - pool) / 2 + 1;
    flops += 2.0 * channels * out * k * k * size * size;      // encoder conv, before pooling
    flops += 2.0 * out * channels * k * k * pooled * pooled;  // decoder conv, before unpooling
    channels = out;
    size = pooled;
  }
  return flops;
}

double conv_peak_gflops() {
  auto x = torch::rand({kBatch, 64, 28, 28});
  auto w = torch::rand({64, 64, 5, 5});
  for (int i = 0; i < 2; ++i) torch::conv2d(x, w, {}, 1, 2);
  const int reps = 5;
  auto start = Clock::now();
  for (int i = 0; i < reps; ++i) torch::conv2d(x, w, {}, 1, 2);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count() / reps;
  return 2.0 * kBatch * 64 * 64 * 25 * 28 * 28 / seconds / 1e9;
}

// Saves the state after the hypothesis is initialised, and times and records every step.
class Recorder : public TrainObserver {
 public:
  Recorder(std::string state_file, at::Tensor data)
      : state_file_(std::move(state_file)), data_(std::move(data)) {}

  void after_initialize(Child& child) override {
    c10::Dict<std::string, at::Tensor> state;
    for (const auto& item : child.model->named_parameters())
      state.insert(item.key(), item.value().detach().clone());
    for (const auto& item : child.hypothesis->named_parameters())
      state.insert("hypothesis." + item.key(), item.value().detach().clone());
    state.insert("data", data_);
    auto bytes = torch::pickle_save(state);
    std::ofstream(state_file_, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  void after_step(std::int64_t, double loss) override {
    times.push_back(Clock::now());
    losses.push_back(loss);
  }

  std::vector<Clock::time_point> times;
  std::vector<double> losses;

 private:
  std::string state_file_;
  at::Tensor data_;
};

nlohmann::json run_reference(const Options& options, const std::string& state_file, bool float64) {
  std::string command =
      options.python + " " + AUTOOD_BENCH_REFERENCE + (float64 ? " --float64" : "") + " --state " +
      state_file + " --steps " + std::to_string(options.steps) + " --warmup " +
      std::to_string(options.warmup) + " --threads " + std::to_string(at::get_num_threads());
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  if (pclose(pipe) != 0)
    throw std::runtime_error("the reference failed: " + command + "\n" + output);
  return nlohmann::json::parse(output.substr(output.rfind('{')));
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--steps" && i + 1 < argc)
      options.steps = std::stoll(argv[++i]);
    else if (a == "--warmup" && i + 1 < argc)
      options.warmup = std::stoll(argv[++i]);
    else if (a == "--python" && i + 1 < argc)
      options.python = argv[++i];
    else if (a == "--no-reference")
      options.reference = false;
    else if (a == "--show-losses")
      options.show_losses = true;
    else {
      std::cerr << "usage: bench_child [--steps N] [--warmup N] [--python PATH] [--no-reference] "
                   "[--show-losses]\n";
      std::exit(a == "--help" ? 0 : 1);
    }
  }
  if (options.steps <= options.warmup) throw std::runtime_error("--steps must exceed --warmup");
  return options;
}

// Trains the architecture from seed 0 in the given precision, saving the initial state for the
// reference and recording every step.
std::unique_ptr<Recorder> train_table_iv(const Registry& registry, const at::Tensor& samples,
                                         c10::ScalarType dtype, const std::string& state_file) {
  torch::manual_seed(0);
  auto child =
      make_child(table_iv_fashion_mnist(), registry, sdk::Shape{{1, 28, 28}}, {}, host_logger());
  child.model->to(dtype);
  child.hypothesis->to(dtype);
  auto data = samples.to(dtype);
  TrainConfig train;
  train.epochs = 1;
  train.batch_size = kBatch;
  train.lr = 1e-3;
  train.shuffle = false;
  auto recorder = std::make_unique<Recorder>(state_file, data);
  train_child(child, data, train, 0, c10::Device(c10::kCPU), recorder.get());
  return recorder;
}

// The largest relative difference between two loss series, printing each step when asked.
double loss_difference(const std::vector<double>& ours, const std::vector<double>& theirs,
                       bool show, const char* label) {
  double worst = 0;
  for (std::size_t i = 0; i < theirs.size() && i < ours.size(); ++i) {
    double difference = std::abs(theirs[i] - ours[i]) / std::abs(theirs[i]);
    worst = std::max(worst, difference);
    if (show)
      std::printf("%s step %3zu: autood %.9f, reference %.9f, relative difference %.2e\n", label, i,
                  ours[i], theirs[i], difference);
  }
  return worst;
}

}  // namespace

int main(int argc, char** argv) try {
  auto options = parse(argc, argv);
  Registry registry;
  bench::load_builtin_plugins(registry, 0);

  const auto& idx = registry.get<sdk::DatasetChoice>("idx");
  RawOptions raw{{"limit", {options.steps * kBatch, "bench"}},
                 {"labels", {std::string(), "bench"}}};
  auto data =
      idx.create()->load(resolve_options(idx.params, raw, "data.source"), host_logger()).samples;

  const auto spec = table_iv_fashion_mnist();
  const std::string state_file = "/tmp/autood_bench_child_state.pt";
  auto recorder = train_table_iv(registry, data, torch::kFloat, state_file);

  double seconds =
      std::chrono::duration<double>(recorder->times.back() - recorder->times[options.warmup - 1])
          .count();
  double ours = static_cast<double>((options.steps - options.warmup) * kBatch) / seconds;
  double flops = 3 * conv_flops_per_image(spec, 1, 28);  // forward and twice that backward
  double peak = conv_peak_gflops();

  std::printf(
      "bench_child: Table IV Fashion-MNIST architecture (cluster / l2_1, 3 layers), batch %lld, "
      "%lld timed steps after %lld warm-up, %d threads\n\n",
      static_cast<long long>(kBatch), static_cast<long long>(options.steps - options.warmup),
      static_cast<long long>(options.warmup), at::get_num_threads());
  std::printf("| %-44s | %10s | %8s | %14s | %7s |\n", "run", "images/s", "ms/step", "conv GFLOP/s",
              "of peak");
  std::printf("|%s|%s|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(12, '-').c_str(),
              std::string(10, '-').c_str(), std::string(16, '-').c_str(),
              std::string(9, '-').c_str());
  auto row = [&](const char* name, double images_per_second) {
    double gflops = images_per_second * flops / 1e9;
    std::printf("| %-44s | %10.0f | %8.1f | %14.1f | %6.1f%% |\n", name, images_per_second,
                1000.0 * kBatch / images_per_second, gflops, 100 * gflops / peak);
  };
  row("autood (LibTorch, Conv2d decoder)", ours);
  if (options.reference) {
    auto reference = run_reference(options, state_file, false);
    double theirs = reference["images_per_second"].get<double>();
    row("PyTorch eager (ConvTranspose2d decoder)", theirs);
    std::printf("\nspeed-up: %.2fx the PyTorch eager reference (target: 3x)\n", ours / theirs);

    // Same losses: in float32 the two runs agree bit for bit for the first steps, then rounding
    // (another summation order in Conv2d against ConvTranspose2d) is amplified by Adam, as it is
    // between any two convolution algorithms. In float64 that rounding is 1e9 times smaller, so
    // any remaining difference would be a difference in the computation itself.
    auto float32 = loss_difference(recorder->losses, reference["losses"].get<std::vector<double>>(),
                                   options.show_losses, "float32");
    auto exact = train_table_iv(registry, data, torch::kDouble, state_file);
    auto reference64 = run_reference(options, state_file, true);
    auto float64 = loss_difference(exact->losses, reference64["losses"].get<std::vector<double>>(),
                                   options.show_losses, "float64");
    std::printf(
        "losses over %zu steps, largest relative difference: float64 %.2e (target: below 1e-4), "
        "float32 %.2e\n",
        recorder->losses.size(), float64, float32);
  }
  std::printf("convolution peak: %.1f GFLOP/s (5x5, 64 to 64 channels, 28x28, batch 64)\n", peak);
  return 0;
} catch (const std::exception& error) {
  std::cerr << "bench_child: " << error.what() << "\n";
  return 1;
}
