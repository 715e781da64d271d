#pragma once
// A saved model folder (best/, a final, an ensemble, a pack's model) opened from Python, scoring
// NumPy arrays exactly as `autood score` scores the files a loader reads.
#include <pybind11/numpy.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "cli/Session.hpp"
#include "model/ModelBundle.hpp"

namespace autood::python {

class PythonModel {
 public:
  // Checks the folder (read_model_manifest), loads the plugins it needs (and the packs its saved
  // config names), then builds it.
  PythonModel(const std::filesystem::path& dir, CommonOptions plugins);

  pybind11::array_t<double> score(const pybind11::array& x);
  pybind11::array anomaly_maps(const pybind11::array& x);

  const LoadedModel& model() const { return *model_; }
  pybind11::dict info() const;

 private:
  // The plugins' libraries hold the model's code: the session is destroyed after the model.
  std::unique_ptr<Session> session_;
  std::unique_ptr<LoadedModel> model_;
  // Scoring places the model on its device in place: one caller at a time, whatever Python's
  // threads do while the GIL is released.
  std::mutex scoring_;
};

}  // namespace autood::python
