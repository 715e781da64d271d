#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "analysis/ComparisonReport.hpp"
#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"
#include "cli/ComparisonOptionsCli.hpp"
#include "cli/RunSearch.hpp"
#include "log/Logging.hpp"
#include "report/ComparisonHtml.hpp"

namespace autood {
namespace {

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

}  // namespace

CommandRunner add_ablate_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand(
      "ablate",
      "Run one config under several variants (controllers, eta, buffer size...) and seeds, then\n"
      "compare them in the shape of the paper's Table V and Fig. 3");
  add_common_options(*command, common);
  static std::vector<std::string> variants{"random", "reinforce", "curious"};
  static std::int64_t seeds = 3, first_seed = 0;
  static ComparisonOptions options;
  static std::string out_dir;
  static bool overwrite = false;
  command->add_flag("--overwrite", overwrite,
                    "Replace runs already in the output folder instead of refusing");
  command
      ->add_option(
          "--variant", variants,
          "NAME or NAME:key=value,... (repeatable); a bare NAME means controller.name=NAME")
      ->capture_default_str();
  command->add_option("--seeds", seeds, "Seeds per variant")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--first-seed", first_seed, "The first search.seed; the others follow")
      ->capture_default_str();
  add_comparison_options(*command, options, out_dir, "ablation");
  return [&common]() {
    std::vector<Variant> parsed;
    for (const auto& text : variants) parsed.push_back(parse_variant(text));
    std::vector<RunRewards> runs;
    const auto total = parsed.size() * static_cast<std::size_t>(seeds);
    const auto started = std::chrono::steady_clock::now();
    for (const auto& variant : parsed) {
      for (std::int64_t s = 0; s < seeds; ++s) {
        const auto seed = first_seed + s;
        auto options_for_run = common;
        options_for_run.overrides.insert(options_for_run.overrides.end(), variant.overrides.begin(),
                                         variant.overrides.end());
        options_for_run.overrides.push_back("search.seed=" + std::to_string(seed));
        auto dir = std::filesystem::path(out_dir) / fmt::format("{}-seed{}", variant.name, seed);
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::string left =
            runs.empty() ? std::string("?")
                         : fmt::format("{:.0f} s", elapsed / runs.size() *
                                                       static_cast<double>(total - runs.size()));
        host_logger().info(fmt::format(
            "ablate: run {} of {}: {} with seed {} into {} (elapsed {:.0f} s, left ~{})",
            runs.size() + 1, total, variant.name, seed, dir.string(), elapsed, left));
        auto outcome = run_search(
            options_for_run, dir.string(),
            overwrite ? SearchSession::Mode::Overwrite : SearchSession::Mode::Start, false);
        runs.push_back({variant.name, dir.string(), outcome.rewards});
      }
    }
    auto files = write_comparison(runs, options, out_dir, std::cout);
    files.push_back(write_comparison_html(runs, options, out_dir));
    for (const auto& file : files) std::cout << "wrote " << file.string() << "\n";
    return 0;
  };
}

}  // namespace autood
