#include "session/RunDirectory.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "autood/sdk/errors.hpp"
#include "data/DataFingerprint.hpp"
#include "io/AtomicFile.hpp"
#include "io/CrashPoint.hpp"
#include "model/ModelBundle.hpp"
#include "run/RunFolder.hpp"
#include "run/RunIdentity.hpp"
#include "session/FinalTraining.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

nlohmann::json metrics_json(const DetectionMetrics& m) {
  return {{"auroc", m.auroc}, {"aupr_in", m.aupr_in}, {"aupr_out", m.aupr_out}};
}

nlohmann::json trial_json(const TrialRecord& r) {
  nlohmann::json json = {{"index", r.index},
                         {"architecture", r.architecture},
                         {"description", r.description},
                         {"status", to_string(r.status)},
                         {"message", r.message},
                         {"reward", r.reward},
                         {"validation", metrics_json(r.validation)},
                         {"test", metrics_json(r.test)},
                         {"seconds", r.seconds},
                         {"epochs", r.epochs},
                         {"cached", r.cached}};
  if (r.pixel_level) {
    json["validation"]["pixel_auroc"] = r.validation_pixels.pixel_auroc;
    json["validation"]["pro"] = r.validation_pixels.pro;
    json["test"]["pixel_auroc"] = r.test_pixels.pixel_auroc;
    json["test"]["pro"] = r.test_pixels.pro;
  }
  return json;
}

nlohmann::json space_json(const SearchSpace& space, const Registry& registry) {
  nlohmann::json plugins = nlohmann::json::array();
  for (const auto& p : registry.plugins())
    plugins.push_back({{"name", p.plugin}, {"version", p.version}, {"path", p.path}});
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& d : space.decisions())
    decisions.push_back({{"name", d.name}, {"options", d.options}, {"free", d.free()}});
  return {{"input_shape", space.input_shape().dims},
          {"layers", space.layers()},
          {"size", space.size().exact()},
          {"plugins", plugins},
          {"decisions", decisions}};
}

fs::path store_file(const fs::path& dir) { return dir / "trials.sqlite"; }

}  // namespace

// The identity compares plugins by name and version only: the same plugins found in another
// folder are the same plugins.
RunIdentity identity_of(const RunContext& context) {
  auto space = space_json(context.space, context.registry);
  for (auto& plugin : space["plugins"]) plugin.erase("path");
  return {context.config.resolved_toml, space.dump(), data_fingerprint(context.data),
          context.data.description};
}

fs::path config_to_resume(const fs::path& run_dir) {
  require_run(run_dir);
  const auto config = run_dir / "config.toml";
  if (!fs::exists(config))
    throw sdk::InputError(run_dir.string() +
                          " holds no config.toml: its search was stopped before it stored one; "
                          "start it again with 'autood search --continue --run-dir " +
                          run_dir.string() + "'");
  return config;
}

fs::path default_run_dir(const std::string& config_file) {
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::ostringstream stamp;
  stamp << std::put_time(std::localtime(&now), "%Y%m%d-%H%M%S");
  std::string stem = config_file.empty() ? "search" : fs::path(config_file).stem().string();
  return fs::path("runs") / (stem + "-" + stamp.str());
}

RunDirectory::RunDirectory(fs::path dir, const RunContext& context)
    : dir_(std::move(dir)), context_(context) {}

void RunDirectory::check_can_create(const fs::path& dir, bool overwrite) {
  if (!fs::exists(dir)) return;
  if (!fs::is_directory(dir))
    throw sdk::InputError("--run-dir " + dir.string() + " is a file, not a folder");
  if (holds_no_run_files(dir)) return;
  require_run(dir);  // a folder autood did not make is never written into, nor deleted from
  if (!overwrite)
    throw sdk::InputError(dir.string() + " already holds a run; resume it with 'autood resume " +
                          dir.string() + "', or pass --overwrite to delete it and start again");
  if (auto foreign = first_foreign_entry(dir))
    throw sdk::InputError(fmt::format(
        "{} holds a run and also {}, which autood did not write; --overwrite deletes only a "
        "run's own files, so move {} out of the folder first",
        dir.string(), foreign->filename().string(), foreign->filename().string()));
}

std::unique_ptr<RunDirectory> RunDirectory::create(const fs::path& dir, const RunContext& context,
                                                   bool overwrite) {
  if (overwrite && is_run(dir)) delete_run_files(dir);
  create_run_folder(dir);
  std::unique_ptr<RunDirectory> run(new RunDirectory(dir, context));
  const auto identity = identity_of(context);
  write_run_marker(dir, identity);  // first: from here on the folder is autood's
  std::vector<std::string> decisions;
  for (const auto& d : context.space.decisions()) decisions.push_back(d.name);
  run->store_ = TrialStore::create(store_file(dir), decisions);
  record_identity(*run->store_, identity);
  write_file_atomically(dir / "space.json",
                        space_json(context.space, context.registry).dump(2) + "\n");
  write_file_atomically(dir / "splits.csv", splits_csv(context.data));
  write_file_atomically(dir / "config.toml", context.config.resolved_toml);  // last: it can resume
  return run;
}

std::unique_ptr<RunDirectory> RunDirectory::reopen(const fs::path& dir, const RunContext& context) {
  std::unique_ptr<RunDirectory> run(new RunDirectory(dir, context));
  run->store_ = TrialStore::open(store_file(dir));
  check_identity(*run->store_, identity_of(context));
  // Runs begun before splits.csv existed gain it: the identity check says the splits are the same.
  if (!fs::exists(dir / "splits.csv"))
    write_file_atomically(dir / "splits.csv", splits_csv(context.data));
  for (const auto& trial : run->store_->trials()) {
    run->stored_.insert(trial.index);
    if (scored(trial.status) && !trial.cached) run->note_best(trial.reward, trial.index);
  }
  fs::remove_all(dir / "best.staging");  // a model half written when the search was killed
  return run;
}

ResumePoint RunDirectory::resume_point(std::string& state) {
  ResumePoint point;
  point.stored = store_->trials();
  if (auto checkpoint = store_->checkpoint()) {
    point.observed = checkpoint->observed;
    state = checkpoint->controller_state;
  }
  return point;
}

void RunDirectory::store_trial(const TrialRecord& record) {
  if (!stored_.insert(record.index).second) return;  // stored before a resume
  store_->add(record, context_.space.chosen_options(record.architecture));
  crash_point("trial-stored");
}

void RunDirectory::save_model(const Evaluation& evaluation, const fs::path& dir, bool final) const {
  const auto& record = evaluation.record;
  const auto& data = context_.data;
  ModelFacts facts;
  facts.trial = record.index;
  facts.reward = record.reward;
  facts.test = record.test;
  facts.data_description = data.description;
  facts.threshold_fpr = context_.config.score.threshold_fpr;
  facts.epochs = record.epochs;
  facts.final = final;
  facts.threshold = threshold_at_fpr(evaluation.validation_scores, data.validation.is_outlier,
                                     facts.threshold_fpr);
  fs::path staging = dir;
  staging += ".staging";
  fs::remove_all(staging);
  write_model_bundle(staging, *evaluation.child, context_.config, context_.registry, data, facts,
                     {{"validation", &data.validation, &evaluation.validation_scores},
                      {"test", &data.test, &evaluation.test_scores}});
  replace_folder_atomically(staging, dir);
}

std::int64_t RunDirectory::best_model_trial(sdk::Logger& log) const {
  const fs::path dir = dir_ / "best";
  if (!fs::exists(dir / "model.toml")) return -1;
  try {
    return read_model_manifest(dir, log).facts.trial;  // its checksums checked
  } catch (const sdk::InputError& error) {
    log.warn(std::string("best/ does not read as a model: ") + error.what());
    return -1;
  }
}

// Of equal rewards the first proposed is the best, as in the search loop, whatever order
// children finish in (distributed workers finish them out of order).
bool RunDirectory::note_best(double reward, std::int64_t trial) {
  if (best_trial_ >= 0 &&
      !(reward > best_reward_ || (reward == best_reward_ && trial < best_trial_)))
    return false;
  best_reward_ = reward;
  best_trial_ = trial;
  return true;
}

// The model goes to disk before its row, so that a stored best trial always has its model.
void RunDirectory::on_child_done(const Evaluation& evaluation) {
  const auto& record = evaluation.record;
  if (scored(record.status) && evaluation.child && note_best(record.reward, record.index))
    save_model(evaluation, dir_ / "best");
  store_trial(record);
}

void RunDirectory::on_trial(const TrialRecord& record, bool) {
  if (record.cached) store_trial(record);
}

void RunDirectory::on_batch_end(const sdk::Controller& controller,
                                const std::vector<TrialRecord>& trials) {
  const auto state = controller.save_state();
  store_->save_checkpoint({static_cast<std::int64_t>(trials.size()), state});
  write_file_atomically(dir_ / "controller_state.bin", state);
}

void RunDirectory::write_summary(const SearchResult& result, double seconds,
                                 const FinalOutcome* finals) {
  nlohmann::json summary{{"trials", result.trials.size()},
                         {"seconds", seconds},
                         {"data", context_.data.description},
                         {"store", store_file(dir_).string()}};
  if (result.best) {
    summary["best"] = trial_json(result.trials[*result.best]);
    summary["model"] = (dir_ / "best").string();
  } else {
    summary["best"] = nullptr;
  }
  if (finals) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : finals->finals) {
      auto entry = trial_json(f.record);
      entry["rank"] = f.rank;
      entry["search_reward"] = f.search_reward;
      entry["in_model"] = f.in_model;
      list.push_back(entry);
    }
    nlohmann::json model{{"ensemble", finals->ensemble},
                         {"trials", nlohmann::json::array()},
                         {"reward", finals->reward},
                         {"validation", metrics_json(finals->validation)},
                         {"test", metrics_json(finals->test)}};
    for (auto t : finals->model_trials) model["trials"].push_back(t + 1);
    summary["final"] = {{"finals", list},
                        {"model", finals->model_trials.empty() ? nlohmann::json(nullptr) : model}};
  }
  write_file_atomically(dir_ / "summary.json", summary.dump(2) + "\n");
}

}  // namespace autood
