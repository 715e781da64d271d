#include "cli/RunSearch.hpp"

#include <fmt/format.h>

#include <iostream>

#include "log/Logging.hpp"
#include "plugin/OptionCheck.hpp"
#include "report/HtmlReport.hpp"

namespace autood {
namespace {

// The finals beside their search rewards, and the model they made.
void print_finals(const FinalOutcome& finals, std::int64_t search_best) {
  std::cout << fmt::format("\nFinal training of the {} best architectures:\n",
                           finals.finals.size());
  std::cout << "  rank  trial  search val  final val  test AUROC  epochs  in model\n";
  for (const auto& f : finals.finals) {
    const auto& r = f.record;
    std::cout << fmt::format(
        "  {:>4}  {:>5}  {:>10.4f}  {:>9}  {:>10}  {:>6}  {}\n", f.rank, r.index + 1,
        f.search_reward, scored(r.status) ? fmt::format("{:.4f}", r.reward) : "-",
        scored(r.status) ? fmt::format("{:.4f}", r.test.auroc) : std::string(to_string(r.status)),
        r.epochs, f.in_model ? "yes" : "");
  }
  if (finals.model_trials.empty()) {
    std::cout << "No final trained; the model is the search's best child (trial " << search_best + 1
              << ").\n";
    return;
  }
  std::string members;
  for (auto t : finals.model_trials)
    members += (members.empty() ? "" : ", ") + std::to_string(t + 1);
  std::cout << fmt::format(
      "Model: {} {}, validation {:.4f}; test AUROC {:.4f}  AUPR-In {:.4f}  AUPR-Out {:.4f}\n",
      finals.ensemble ? "an ensemble of the finals of trials" : "the final of trial", members,
      finals.reward, finals.test.auroc, finals.test.aupr_in, finals.test.aupr_out);
}

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
  std::cout << fmt::format(
      "Test metrics of this search child ({} in-distribution + {} outliers):\n",
      data.test.is_outlier.size() - data.test.outliers(), data.test.outliers());
  std::cout << fmt::format("  AUROC     {:.4f}\n  AUPR-In   {:.4f}\n  AUPR-Out  {:.4f}\n",
                           best.test.auroc, best.test.aupr_in, best.test.aupr_out);
  if (best.pixel_level)
    std::cout << fmt::format("  pixel AUROC {:.4f}\n  PRO (FPR <= 0.3) {:.4f}\n",
                             best.test_pixels.pixel_auroc, best.test_pixels.pro);
  if (const auto& finals = session.finals()) print_finals(*finals, best.index);
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
  check_hypothesis_options(session->config.hypothesis, session->registry);
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
