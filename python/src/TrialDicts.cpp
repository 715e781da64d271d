#include "TrialDicts.hpp"

#include <pybind11/stl.h>

#include <string>
#include <utility>

namespace py = pybind11;

namespace autood::python {

py::dict trial_dict(const TrialRecord& r) {
  py::dict d;
  d["trial"] = r.index + 1;
  d["status"] = to_string(r.status);
  d["reward"] = r.reward;
  d["description"] = r.description;
  d["architecture"] = r.architecture;
  for (const auto& [prefix, metrics] :
       {std::pair<std::string, const DetectionMetrics*>{"val_", &r.validation},
        {"test_", &r.test}}) {
    d[py::str(prefix + "auroc")] = metrics->auroc;
    d[py::str(prefix + "aupr_in")] = metrics->aupr_in;
    d[py::str(prefix + "aupr_out")] = metrics->aupr_out;
  }
  if (r.pixel_level) {
    d["val_pixel_auroc"] = r.validation_pixels.pixel_auroc;
    d["val_pro"] = r.validation_pixels.pro;
    d["test_pixel_auroc"] = r.test_pixels.pixel_auroc;
    d["test_pro"] = r.test_pixels.pro;
  }
  d["partial_reward"] = r.partial_reward ? py::cast(*r.partial_reward) : py::none();
  d["epochs"] = r.epochs;
  d["seconds"] = r.seconds;
  d["cached"] = r.cached;
  d["message"] = r.message;
  return d;
}

}  // namespace autood::python
