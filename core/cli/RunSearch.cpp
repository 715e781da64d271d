#include "cli/RunSearch.hpp"

#include <fmt/format.h>

#include <iostream>

#include "log/Logging.hpp"
#include "report/HtmlReport.hpp"

namespace autood {
namespace {

void print_result(const SearchResult& result, SearchSession& session) {
  auto& run = session.run_folder();
  const auto& data = session.data();
  if (!result.best) {
    std::cout << "No child trained successfully; see " << run.store().path() << "\n";
    return;
  }
  const auto& best = result.trials[*result.best];
  const auto spec = session.space().decode(best.architecture);
  std::cout << fmt::format(
      "\nBest model: trial {} of {}, validation {} {:.4f}\n", best.index + 1, result.trials.size(),
      data.pixel_level() ? "pixel " + data.pixel_metric : "AUROC", best.reward);
  std::cout << fmt::format("  hypothesis {}, distance {}\n", spec.hypothesis, spec.distance);
  auto op = [](const OpSpec& o) { return o.op.empty() ? std::string("identity") : o.op; };
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const auto& layer = spec.layers[i];
    std::string args;
    for (const auto* o : {&layer.transform, &layer.pool, &layer.norm, &layer.activation})
      for (const auto& [name, value] : o->args)
        args += fmt::format(" {}.{}={}", op(*o), name, value);
    std::cout << fmt::format("  layer {}: {} {} {} {} |{}\n", i + 1, op(layer.transform),
                             op(layer.pool), op(layer.norm), op(layer.activation), args);
  }
  std::cout << fmt::format("Test metrics ({} in-distribution + {} outliers):\n",
                           data.test.is_outlier.size() - data.test.outliers(),
                           data.test.outliers());
  std::cout << fmt::format("  AUROC     {:.4f}\n  AUPR-In   {:.4f}\n  AUPR-Out  {:.4f}\n",
                           best.test.auroc, best.test.aupr_in, best.test.aupr_out);
  if (best.pixel_level)
    std::cout << fmt::format("  pixel AUROC {:.4f}\n  PRO (FPR <= 0.3) {:.4f}\n",
                             best.test_pixels.pixel_auroc, best.test_pixels.pro);
  std::cout << "Run folder: " << run.path().string() << "\n";
  std::cout << "Trials:     " << run.store().path() << "\n";
  std::cout << "Model:      " << (run.path() / "best").string()
            << "  (apply it: autood score --model " << (run.path() / "best").string()
            << " --input FILE --out scores.csv)\n";
  std::cout << "Report:     " << (run.path() / "report.html").string() << "\n";
}

}  // namespace

SearchOutcome run_search(const CommonOptions& common, const std::string& run_dir,
                         SearchSession::Mode mode, bool print) {
  auto session = open_session(common);
  const auto dir =
      run_dir.empty() ? default_run_dir(session->config.file) : std::filesystem::path(run_dir);
  SearchSession search(session->config, session->registry, dir, mode, host_logger());
  auto result = search.run();
  write_report(search.run_folder().path(), host_logger());
  if (print) print_result(result, search);
  SearchOutcome outcome;
  outcome.run_dir = dir;
  outcome.found_model = result.best.has_value();
  for (const auto& trial : result.trials) outcome.rewards.push_back(trial.reward);
  return outcome;
}

}  // namespace autood
