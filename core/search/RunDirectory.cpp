#include "autood/sdk/distance.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "model/ChildModel.hpp"
#include "search/RunDirectory.hpp"

#include <torch/torch.h>

#include <chrono>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "autood/sdk/errors.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw sdk::InputError("cannot write " + path.string());
}

// Written beside and renamed over, so that a kill never leaves a half-written file.
void write_atomically(const fs::path& path, const std::string& text) {
  fs::path temporary = path;
  temporary += ".tmp";
  write_file(temporary, text);
  fs::rename(temporary, path);
}

nlohmann::json metrics_json(const DetectionMetrics& m) {
  return {{"auroc", m.auroc}, {"aupr_in", m.aupr_in}, {"aupr_out", m.aupr_out}};
}

nlohmann::json trial_json(const TrialRecord& r) {
  nlohmann::json json = {{"index", r.index},        {"architecture", r.architecture}, {"description", r.description},
                         {"status", to_string(r.status)}, {"message", r.message},   {"reward", r.reward},
                         {"validation", metrics_json(r.validation)}, {"test", metrics_json(r.test)},
                         {"seconds", r.seconds},    {"epochs", r.epochs},             {"cached", r.cached}};
  if (r.pixel_level) {
    json["validation"]["pixel_auroc"] = r.validation_pixels.pixel_auroc;
    json["validation"]["pro"] = r.validation_pixels.pro;
    json["test"]["pixel_auroc"] = r.test_pixels.pixel_auroc;
    json["test"]["pro"] = r.test_pixels.pro;
  }
  return json;
}

// A pixel metric's cell: empty when the run is not a segmentation.
std::string pixel(const TrialRecord& r, double value) { return r.pixel_level ? std::to_string(value) : std::string(); }

std::string csv_field(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

nlohmann::json space_json(const SearchSpace& space, const Registry& registry) {
  nlohmann::json plugins = nlohmann::json::array();
  for (const auto& p : registry.plugins())
    plugins.push_back({{"name", p.plugin}, {"version", p.version}, {"path", p.path}});
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& d : space.decisions())
    decisions.push_back({{"name", d.name}, {"options", d.options}, {"free", d.free()}});
  return {{"input_shape", space.input_shape().dims}, {"layers", space.layers()},
          {"size", space.size().exact()}, {"plugins", plugins}, {"decisions", decisions}};
}

}  // namespace

fs::path default_run_dir(const std::string& config_file) {
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::ostringstream stamp;
  stamp << std::put_time(std::localtime(&now), "%Y%m%d-%H%M%S");
  std::string stem = config_file.empty() ? "search" : fs::path(config_file).stem().string();
  return fs::path("runs") / (stem + "-" + stamp.str());
}

RunDirectory::RunDirectory(fs::path dir, const Config& config, const SearchSpace& space,
                           const Registry& registry)
    : dir_(std::move(dir)) {
  std::error_code error;
  fs::create_directories(dir_ / "best", error);
  if (error) throw sdk::InputError("cannot create run folder " + dir_.string() + ": " + error.message());
  write_file(dir_ / "config.toml", config.resolved_toml);
  write_file(dir_ / "space.json", space_json(space, registry).dump(2) + "\n");
  trials_.open(dir_ / "trials.csv");
  trials_ << "index,status,reward,val_auroc,val_aupr_in,val_aupr_out,test_auroc,test_aupr_in,"
             "test_aupr_out,val_pixel_auroc,val_pro,test_pixel_auroc,test_pro,seconds,epochs,cached,architecture,"
             "description,message\n";
}

void RunDirectory::on_trial(const TrialRecord& r, bool new_best, const Child* child) {
  trials_ << r.index << ',' << to_string(r.status) << ',' << r.reward << ',' << r.validation.auroc << ','
          << r.validation.aupr_in << ',' << r.validation.aupr_out << ',' << r.test.auroc << ','
          << r.test.aupr_in << ',' << r.test.aupr_out << ',' << pixel(r, r.validation_pixels.pixel_auroc) << ','
          << pixel(r, r.validation_pixels.pro) << ',' << pixel(r, r.test_pixels.pixel_auroc) << ','
          << pixel(r, r.test_pixels.pro) << ',' << r.seconds << ',' << r.epochs << ','
          << (r.cached ? 1 : 0) << ',' << csv_field(nlohmann::json(r.architecture).dump()) << ','
          << csv_field(r.description) << ',' << csv_field(r.message) << '\n';
  trials_.flush();
  if (new_best && child) save_best(r, *child);
}

void RunDirectory::save_best(const TrialRecord& record, const Child& child) {
  write_atomically(dir_ / "best" / "architecture.toml",
                   "# trial " + std::to_string(record.index + 1) + ", validation AUROC " +
                       std::to_string(record.reward) + "\n" + to_toml(child.spec));
  torch::serialize::OutputArchive archive, model, hypothesis;
  child.model->save(model);
  child.hypothesis->save(hypothesis);
  archive.write("model", model);
  archive.write("hypothesis", hypothesis);
  archive.save_to((dir_ / "best" / "model.pt").string());
}

void RunDirectory::on_batch_end(const sdk::Controller& controller, const std::vector<TrialRecord>&) {
  write_atomically(dir_ / "controller_state.bin", controller.save_state());
}

void RunDirectory::write_summary(const SearchResult& result, const std::string& data_description,
                                 double seconds) {
  nlohmann::json summary{{"trials", result.trials.size()}, {"seconds", seconds}, {"data", data_description}};
  if (result.best) summary["best"] = trial_json(result.trials[*result.best]);
  else summary["best"] = nullptr;
  write_atomically(dir_ / "summary.json", summary.dump(2) + "\n");
}

}  // namespace autood
