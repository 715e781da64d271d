#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"
#include "compute/Device.hpp"
#include "io/AtomicFile.hpp"
#include "log/Logging.hpp"
#include "metrics/Metrics.hpp"
#include "model/AnomalyMaps.hpp"
#include "model/ModelScoring.hpp"

namespace autood {
namespace {

void write_scores(const std::string& file, const ScoredSamples& scored, double threshold) {
  std::ostringstream out;
  const bool labels = !scored.labels.empty(), outliers = !scored.is_outlier.empty();
  const bool decide = !std::isnan(threshold);
  out << "index,score" << (labels ? ",label" : "") << (outliers ? ",is_outlier" : "")
      << (decide ? ",outlier" : "") << "\n";
  for (std::size_t i = 0; i < scored.scores.size(); ++i) {
    out << i << ',' << fmt::format("{}", scored.scores[i]);
    if (labels) out << ',' << scored.labels[i];
    if (outliers) out << ',' << scored.is_outlier[i];
    if (decide) out << ',' << (scored.scores[i] > threshold ? 1 : 0);
    out << '\n';
  }
  write_file_atomically(file, out.str());
}

}  // namespace

CommandRunner add_score_command(CLI::App& app, CommonOptions& common) {
  auto* command = app.add_subcommand("score",
                                     "Apply a saved model (a run's best/ folder, or one from "
                                     "'autood export') to data that a dataset\n"
                                     "plugin loads, and write one score per sample");
  static std::string model_dir, out;
  static ScoreInput input;
  command->add_option("--model", model_dir, "The model folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option(
      "--input", input.input,
      "The file or folder to score (the loader's 'path' or 'images' option); default: the data\n"
      "the model was searched on");
  command->add_option("--loader", input.loader, "The dataset plugin (default: the model's own)");
  command
      ->add_option("--loader-option", input.options,
                   "Another loader option, e.g. --loader-option labels=\"\"")
      ->type_name("KEY=VALUE");
  command->add_option("--out", out, "The CSV to write: index, score, label and outlier flags")
      ->required();
  static std::string maps;
  command->add_option(
      "--maps", maps,
      "Also write each image's per-pixel anomaly map as DIR/<index>.png (one shared scale)");
  add_plugin_options(*command, common);
  return [&common]() {
    // The files are checked first, and the data loaded before the model is built, so that a
    // shape the folder merely claims is refused before anything of that size is allocated.
    const auto manifest = read_model_manifest(model_dir, host_logger());
    // A model searched with packs needs their plugins again; its saved config names them.
    const auto saved = std::filesystem::path(model_dir) / "config.toml";
    if (std::filesystem::is_regular_file(saved)) {
      const auto packs = read_plugins_config(saved.string(), {}).packs;
      common.packs.insert(common.packs.begin(), packs.begin(), packs.end());
    }
    auto session = open_session(common);
    const auto data =
        load_scoring_data(model_dir, manifest.input_shape, session->registry, input, host_logger());
    auto model = load_model(manifest, session->registry, host_logger());
    configure_threads(model.config.train.threads);
    auto scored = score_with_model(model, data);
    write_scores(out, scored, model.facts.threshold);
    if (!maps.empty())
      std::cout << "wrote " << write_map_pngs(anomaly_maps(model, scored.samples), maps)
                << " anomaly maps into " << maps << "\n";
    std::cout << fmt::format("scored {} samples of {} with the model of trial {}; wrote {}\n",
                             scored.scores.size(), scored.description, model.facts.trial + 1, out);
    if (!std::isnan(model.facts.threshold)) {
      std::size_t flagged = 0;
      for (double s : scored.scores) flagged += s > model.facts.threshold;
      std::cout << fmt::format("threshold {:.6g} (validation FPR {:.3f}): {} flagged as outliers\n",
                               model.facts.threshold, model.facts.threshold_fpr, flagged);
    }
    const auto& o = scored.is_outlier;
    if (!o.empty() && std::count(o.begin(), o.end(), 1) > 0 &&
        std::count(o.begin(), o.end(), 0) > 0) {
      auto metrics = detection_metrics(scored.scores, o);
      std::cout << fmt::format(
          "AUROC {:.4f}  AUPR-In {:.4f}  AUPR-Out {:.4f} (normal classes as in the search)\n",
          metrics.auroc, metrics.aupr_in, metrics.aupr_out);
    }
    return 0;
  };
}

}  // namespace autood
