#include "PythonModel.hpp"

#include <pybind11/stl.h>

#include "Arrays.hpp"
#include "compute/Device.hpp"
#include "log/Logging.hpp"
#include "model/AnomalyMaps.hpp"
#include "model/ModelScoring.hpp"

namespace py = pybind11;

namespace autood::python {

PythonModel::PythonModel(const std::filesystem::path& dir, CommonOptions plugins) {
  const auto manifest = read_model_manifest(dir, host_logger());
  // As `autood score`: a model searched with packs needs their plugins again.
  const auto saved = dir / "config.toml";
  if (std::filesystem::is_regular_file(saved)) {
    const auto packs = read_plugins_config(saved.string(), {}).packs;
    plugins.packs.insert(plugins.packs.begin(), packs.begin(), packs.end());
  }
  session_ = open_session(plugins);
  model_ = std::make_unique<LoadedModel>(load_model(manifest, session_->registry, host_logger()));
  configure_threads(model_->config.train.threads);
}

py::array_t<double> PythonModel::score(const py::array& x) {
  ScoringData data{samples_from_array(x, model_->input_shape), {}, "X"};
  ScoredSamples scored;
  {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(scoring_);
    scored = score_with_model(*model_, data);
  }
  return py::array_t<double>(static_cast<py::ssize_t>(scored.scores.size()), scored.scores.data());
}

py::array PythonModel::anomaly_maps(const py::array& x) {
  const auto samples = prepare_samples(*model_, samples_from_array(x, model_->input_shape));
  at::Tensor maps;
  {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(scoring_);
    maps = autood::anomaly_maps(*model_, samples);
  }
  return array_from_tensor(maps);
}

py::dict PythonModel::info() const {
  const auto& facts = model_->facts;
  py::dict info;
  info["path"] = model_->dir.string();
  info["kind"] = model_->is_ensemble() ? "ensemble" : "single";
  info["description"] = describe(model_->child.spec);
  info["hypothesis"] = model_->child.spec.hypothesis;
  info["distance"] = model_->child.spec.distance;
  info["input_shape"] = py::tuple(py::cast(model_->input_shape.dims));
  info["trial"] = facts.trial + 1;
  info["reward"] = facts.reward;
  info["test_auroc"] = facts.test.auroc;
  info["threshold"] = facts.threshold;
  info["threshold_fpr"] = facts.threshold_fpr;
  info["epochs"] = facts.epochs;
  info["final"] = facts.final;
  info["members"] = model_->members.size();
  info["protocol"] = model_->config.data.protocol;
  return info;
}

}  // namespace autood::python
