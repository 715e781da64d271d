#include <fmt/format.h>

#include <iostream>
#include <limits>

#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"
#include "log/Logging.hpp"
#include "run/RunFolder.hpp"
#include "session/SearchSession.hpp"
#include "store/TrialStore.hpp"

namespace autood {
namespace fs = std::filesystem;

CommandRunner add_export_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand(
      "export",
      "Write a stored trial as a self-contained model folder (as best/ is), for 'autood score'.\n"
      "The trial is trained again from its seed, on the run's config and data.");
  static std::string run_dir, out;
  static std::int64_t trial = 0;
  command->add_option("run_dir", run_dir, "The run folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  command
      ->add_option("--trial", trial,
                   "The trial, as numbered in the store and the progress lines (from 1)")
      ->required()
      ->check(CLI::Range(std::int64_t{1}, std::numeric_limits<std::int64_t>::max()));
  command->add_option("--out", out, "The model folder to write (must not exist)")->required();
  add_plugin_options(*command, common);
  return [&common]() {
    // The model is written beside --out first (OUT.staging), then moved: neither may be taken.
    for (const auto& taken : {out, out + ".staging"})
      if (fs::exists(fs::symlink_status(taken)))
        throw sdk::InputError(taken + " exists; choose a new --out folder");
    require_run(run_dir);
    common.config_file = (fs::path(run_dir) / "config.toml").string();
    if (!fs::exists(common.config_file))
      throw sdk::InputError(run_dir +
                            " holds no config.toml: its search was stopped before it "
                            "stored one, and no trial can be exported");
    auto session = open_session(common);
    SearchSession search(session->config, session->registry, run_dir, SearchSession::Mode::Open,
                         host_logger());
    auto trials = search.run_folder().store().trials();
    const TrialRecord* chosen = nullptr;
    for (const auto& t : trials)
      if (t.index + 1 == trial) chosen = &t;
    if (!chosen)
      throw sdk::InputError(fmt::format("{} has no trial {}; it holds trials 1 to {}", run_dir,
                                        trial, trials.size()));
    if (!scored(chosen->status))
      throw sdk::InputError(fmt::format("trial {} has no model: it ended {} ({})", trial,
                                        to_string(chosen->status), chosen->message));
    // A cache hit was trained once, as the first trial with its architecture, with that trial's
    // seed.
    for (const auto& t : trials)
      if (!t.cached && t.architecture == chosen->architecture) {
        chosen = &t;
        break;
      }
    auto evaluation = search.retrain(*chosen);
    evaluation.record.index = trial - 1;
    search.run_folder().save_model(evaluation, out);
    std::cout << fmt::format("wrote {}: trial {}, validation reward {:.4f}, test AUROC {:.4f}\n",
                             out, trial, evaluation.record.reward, evaluation.record.test.auroc);
    return 0;
  };
}

CommandRunner add_export_csv_command(CLI::App& app, CommonOptions&) {
  auto* command =
      app.add_subcommand("export-csv", "Write a run's trial store as CSV, one row per trial");
  static std::string run_dir, out;
  command->add_option("run_dir", run_dir, "The run folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--out", out, "The CSV file (default: RUN_DIR/trials.csv)");
  return []() {
    auto store = TrialStore::open(fs::path(run_dir) / "trials.sqlite");
    const auto file = out.empty() ? fs::path(run_dir) / "trials.csv" : fs::path(out);
    store->write_csv(file);
    std::cout << "wrote " << file.string() << " (" << store->count() << " trials)\n";
    return 0;
  };
}

}  // namespace autood
