#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "autood/sdk/controller.hpp"
#include "autood/sdk/errors.hpp"
#include "cli/RunSearch.hpp"
#include "data/Protocols.hpp"
#include "log/Logging.hpp"
#include "search/ChildEvaluator.hpp"
#include "search/Progress.hpp"
#include "search/RunDirectory.hpp"
#include "search/SearchLoop.hpp"
#include "space/SearchSpace.hpp"
#include "train/Device.hpp"

namespace autood {
namespace {

// The controller's options are checked before any data is loaded, so a typo fails at once.
sdk::ControllerContext controller_context(const Session& session) {
  const auto& config = session.config;
  const auto& choice = session.registry.controller(config.controller.name);
  sdk::ControllerContext context;
  context.seed = static_cast<std::uint64_t>(config.search.seed);
  context.params = resolve_options(choice.params, config.controller.options, "controller");
  context.log = &host_logger();
  return context;
}

std::shared_ptr<sdk::Controller> make_controller(const Session& session, sdk::ControllerContext context,
                                                 const SearchSpace& space) {
  const auto& choice = session.registry.controller(session.config.controller.name);
  context.option_counts = space.option_counts();
  auto controller = choice.create(context);
  if (!controller) throw std::runtime_error("controller '" + choice.name + "' returned nothing");
  return controller;
}

void print_result(const SearchResult& result, const DataSplits& data, const RunDirectory& run) {
  if (!result.best) {
    std::cout << "No child trained successfully; see " << (run.path() / "trials.csv").string() << "\n";
    return;
  }
  const auto& best = result.trials[*result.best];
  const auto& spec = result.best_child->spec;
  std::cout << fmt::format("\nBest model: trial {} of {}, validation {} {:.4f}\n", best.index + 1,
                           result.trials.size(), data.pixel_level() ? "pixel " + data.pixel_metric : "AUROC",
                           best.reward);
  std::cout << fmt::format("  hypothesis {}, distance {}\n", spec.hypothesis, spec.distance);
  auto op = [](const OpSpec& o) { return o.op.empty() ? std::string("identity") : o.op; };
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const auto& layer = spec.layers[i];
    std::string args;
    for (const auto* o : {&layer.transform, &layer.pool, &layer.norm, &layer.activation})
      for (const auto& [name, value] : o->args) args += fmt::format(" {}.{}={}", op(*o), name, value);
    std::cout << fmt::format("  layer {}: {} {} {} {} |{}\n", i + 1, op(layer.transform), op(layer.pool),
                             op(layer.norm), op(layer.activation), args);
  }
  std::cout << fmt::format("Test metrics ({} in-distribution + {} outliers):\n",
                           data.test.is_outlier.size() - data.test.outliers(), data.test.outliers());
  std::cout << fmt::format("  AUROC     {:.4f}\n  AUPR-In   {:.4f}\n  AUPR-Out  {:.4f}\n", best.test.auroc,
                           best.test.aupr_in, best.test.aupr_out);
  if (best.pixel_level)
    std::cout << fmt::format("  pixel AUROC {:.4f}\n  PRO (FPR <= 0.3) {:.4f}\n", best.test_pixels.pixel_auroc,
                             best.test_pixels.pro);
  std::cout << "Run folder: " << run.path().string() << "\n";
}

}  // namespace

SearchOutcome run_search(const CommonOptions& common, const std::string& run_dir, bool print) {
  const auto started = std::chrono::steady_clock::now();
  auto session = open_session(common);
  const auto& config = session->config;
  auto& log = host_logger();
  configure_threads(config.train.threads);
  auto context = controller_context(*session);
  auto data = prepare_data(config.data, session->registry, static_cast<std::uint64_t>(config.search.seed), log);
  log.info(data.description);
  auto space = SearchSpace::assemble(session->registry, data.shape, static_cast<int>(config.search.layers),
                                     config.space);
  log.info(fmt::format("search space: {} free decisions, {} points", space.option_counts().size(),
                       space.size().scientific()));
  auto controller = make_controller(*session, std::move(context), space);

  RunDirectory run(run_dir.empty() ? default_run_dir(config.file) : std::filesystem::path(run_dir), config, space,
                   session->registry);
  Progress progress(config.search.budget, log);
  ChildEvaluator evaluator(session->registry, space, data, config.train, config.score, log, config.hypothesis);
  SearchLoop loop(*controller, evaluator, config.search);
  loop.add_observer(progress);
  loop.add_observer(run);
  auto result = loop.run();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  run.write_summary(result, data.description, seconds);
  if (print) print_result(result, data, run);
  log.info(fmt::format("search took {:.1f} s", seconds));
  SearchOutcome outcome;
  outcome.run_dir = run.path();
  outcome.found_model = result.best.has_value();
  for (const auto& trial : result.trials) outcome.rewards.push_back(trial.reward);
  return outcome;
}

}  // namespace autood
