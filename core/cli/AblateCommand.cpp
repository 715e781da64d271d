#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "analysis/ComparisonReport.hpp"
#include "analysis/RunSeries.hpp"
#include "autood/sdk/errors.hpp"
#include "cli/ChildProcesses.hpp"
#include "cli/Commands.hpp"
#include "cli/ComparisonOptionsCli.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "report/ComparisonHtml.hpp"

namespace autood {
namespace {

// Seeds per variant: each is a whole search, so more than this is a typo, not a plan.
constexpr std::int64_t kMaxSeeds = 1000;

struct Variant {
  std::string name;
  std::vector<std::string> overrides;
};

// "eta0:controller.name=curious,controller.eta=0" -> eta0 with two overrides; a bare "reinforce"
// is controller.name=reinforce. Commas inside [...] belong to a list value.
Variant parse_variant(const std::string& text) {
  Variant variant;
  auto colon = text.find(':');
  variant.name = text.substr(0, colon);
  if (variant.name.empty() || variant.name.find_first_of("/\\ ") != std::string::npos)
    throw sdk::InputError("--variant '" + text +
                          "': the name before ':' must be a plain word (it names run folders)");
  if (colon == std::string::npos) {
    variant.overrides.push_back("controller.name=" + variant.name);
    return variant;
  }
  std::string current;
  int depth = 0;
  for (char c : text.substr(colon + 1)) {
    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
    if (c == ',' && depth == 0)
      variant.overrides.push_back(current), current.clear();
    else
      current += c;
  }
  if (!current.empty()) variant.overrides.push_back(current);
  for (const auto& o : variant.overrides)
    if (o.find('=') == std::string::npos)
      throw sdk::InputError("--variant '" + text + "': '" + o + "' is not key=value");
  return variant;
}

// One search of the ablation: a variant at a seed, in its own folder.
struct PlannedRun {
  const Variant* variant = nullptr;
  std::int64_t seed = 0;
  std::filesystem::path dir;
};

// The `autood search` command line that runs one planned search as a child process.
ChildCommand search_command(const CommonOptions& common, const PlannedRun& run, bool overwrite,
                            const std::vector<std::string>& extra_overrides,
                            const std::filesystem::path& log) {
  ChildCommand command;
  auto& a = command.argv;
  a = {own_executable().string(), "search"};
  if (!common.config_file.empty()) a.insert(a.end(), {"-c", common.config_file});
  std::vector<std::string> overrides = common.overrides;
  overrides.insert(overrides.end(), run.variant->overrides.begin(), run.variant->overrides.end());
  overrides.insert(overrides.end(), extra_overrides.begin(), extra_overrides.end());
  overrides.push_back("search.seed=" + std::to_string(run.seed));
  for (const auto& o : overrides) a.insert(a.end(), {"--set", o});
  for (const auto& p : common.plugin_paths) a.insert(a.end(), {"--plugin-path", p});
  for (const auto& p : common.packs) a.insert(a.end(), {"--pack", p});
  if (common.no_builtin_plugins) a.push_back("--no-builtin-plugins");
  if (common.strict) a.push_back("--strict");
  a.insert(a.end(), {"--log-level", common.log_level, "--run-dir", run.dir.string(),
                     overwrite ? "--overwrite" : "--continue"});
  command.log = log;
  return command;
}

// Each child's own thread pools: the cores shared out among the jobs, unless the config or the
// command line already says how many threads a child uses.
std::vector<std::string> thread_overrides(const CommonOptions& common, std::size_t jobs) {
  if (jobs <= 1) return {};
  const auto config = load_config(common.config_file, common.overrides);
  if (config.train.threads != 0) return {};
  const auto cores = std::max(1u, std::thread::hardware_concurrency());
  const auto each = std::max<std::size_t>(1, cores / jobs);
  host_logger().info(
      fmt::format("ablate: {} jobs on {} cores, train.threads = {} each", jobs, cores, each));
  return {"train.threads=" + std::to_string(each)};
}

}  // namespace

CommandRunner add_ablate_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand(
      "ablate",
      "Run one config under several variants (controllers, eta, buffer size...) and seeds, then\n"
      "compare them in the shape of the paper's Table V and Fig. 3, with paired tests against a\n"
      "reference variant. Each search is a child process; runs already in --out are continued.");
  add_common_options(*command, common);
  static std::vector<std::string> variants{"random", "reinforce", "curious", "evolution", "tpe"};
  static std::int64_t seeds = 3, first_seed = 0;
  static std::size_t jobs = 1;
  static ComparisonOptions options;
  static std::string out_dir;
  static bool overwrite = false;
  command->add_flag(
      "--overwrite", overwrite,
      "Start every run again, replacing runs already in the output folder (by default "
      "they are continued, and a run of another config is refused)");
  command
      ->add_option(
          "--variant", variants,
          "NAME or NAME:key=value,... (repeatable); a bare NAME means controller.name=NAME")
      ->capture_default_str();
  // An integer range: CLI::PositiveNumber is a double's, and its message prints DBL_MAX whole.
  command->add_option("--seeds", seeds, "Seeds per variant, from 1 to " + std::to_string(kMaxSeeds))
      ->check(CLI::Range(std::int64_t{1}, kMaxSeeds))
      ->capture_default_str();
  command->add_option("--first-seed", first_seed, "The first search.seed; the others follow")
      ->capture_default_str();
  command
      ->add_option("--jobs,-j", jobs,
                   "Searches run at once, each in its own process. With more than one, each gets "
                   "train.threads = cores / jobs unless the config sets it; that is part of the "
                   "run's config, so continuing with another --jobs is refused")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
      ->capture_default_str();
  add_comparison_options(*command, options, out_dir, "ablation");
  return [&common]() {
    set_log_level(common.log_level);
    std::vector<Variant> parsed;
    for (const auto& text : variants) parsed.push_back(parse_variant(text));
    std::vector<PlannedRun> plan;
    for (const auto& variant : parsed)
      for (std::int64_t s = 0; s < seeds; ++s)
        plan.push_back({&variant, first_seed + s,
                        std::filesystem::path(out_dir) /
                            fmt::format("{}-seed{}", variant.name, first_seed + s)});
    std::error_code error;
    std::filesystem::create_directories(out_dir, error);
    if (error) throw sdk::InputError("cannot create " + out_dir + ": " + error.message());
    const auto extra = thread_overrides(common, jobs);
    std::vector<ChildCommand> commands;
    for (const auto& run : plan)
      commands.push_back(
          search_command(common, run, overwrite, extra,
                         std::filesystem::path(out_dir) / (run.dir.filename().string() + ".log")));

    const auto started = std::chrono::steady_clock::now();
    std::size_t finished = 0;
    std::vector<std::string> failures;
    std::vector<bool> failed(plan.size(), false);
    run_child_processes(
        commands, jobs,
        [&](std::size_t i) {
          host_logger().info(fmt::format("ablate: run {} of {}: {} with seed {} into {}", i + 1,
                                         plan.size(), plan[i].variant->name, plan[i].seed,
                                         plan[i].dir.string()));
        },
        [&](std::size_t i, int code) {
          ++finished;
          const double elapsed =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
          const double left =
              elapsed / static_cast<double>(finished) * static_cast<double>(plan.size() - finished);
          failed[i] = code != 0;
          if (code != 0)
            failures.push_back(fmt::format("{} (exit {}; see {})", plan[i].dir.string(), code,
                                           commands[i].log.string()));
          host_logger().info(
              fmt::format("ablate: {} finished{} ({} of {} done, {:.0f} s elapsed, ~{:.0f} s left)",
                          plan[i].dir.filename().string(),
                          code == 0 ? "" : fmt::format(" with exit code {}", code), finished,
                          plan.size(), elapsed, left));
        });

    // A failed search is left out, even if its folder holds trials: they may be another config's.
    std::vector<RunRewards> runs;
    for (std::size_t i = 0; i < plan.size(); ++i) {
      const auto& run = plan[i];
      if (failed[i] || !std::filesystem::exists(run.dir / "trials.sqlite")) continue;
      auto series = read_run(run.dir);
      if (series.rewards.empty()) continue;
      series.group = run.variant->name;
      series.seed = run.seed;
      runs.push_back(std::move(series));
    }
    for (const auto& failure : failures) host_logger().warn("ablate: a search failed: " + failure);
    if (runs.empty())
      throw sdk::InputError("ablate: no search finished a trial; see the logs in " + out_dir);
    auto files = write_comparison(runs, options, out_dir, std::cout);
    files.push_back(write_comparison_html(runs, options, out_dir));
    for (const auto& file : files) std::cout << "wrote " << file.string() << "\n";
    return failures.empty() ? 0 : 1;
  };
}

}  // namespace autood
