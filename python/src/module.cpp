// autood._autood: the core, bound for Python. The public API is the package `autood` (autood/
// __init__.py), which wraps these functions with Python conventions; nothing here is searched,
// stored or scored a second time.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>

#include "PythonData.hpp"
#include "PythonEvaluator.hpp"
#include "PythonModel.hpp"
#include "PythonPlugins.hpp"
#include "PythonSearch.hpp"
#include "autood/sdk/errors.hpp"
#include "log/Logging.hpp"
#include "model/ModelManifest.hpp"
#include "plugin/PluginPaths.hpp"

namespace py = pybind11;
using namespace autood;
using namespace autood::python;

namespace {

CommonOptions plugin_options(std::vector<std::string> plugin_paths, std::vector<std::string> packs,
                             std::string log_level) {
  CommonOptions options;
  options.plugin_paths = std::move(plugin_paths);
  options.packs = std::move(packs);
  options.log_level = std::move(log_level);
  return options;
}

}  // namespace

PYBIND11_MODULE(_autood, m) {
  m.doc() = "autood's core (use the package autood)";
  m.attr("__version__") = AUTOOD_VERSION;
  // sdk::InputError is the CLI's "bad input" with its message (the file and position, or the key
  // and its valid options): ValueError in Python. An OS error stays an OSError.
  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const sdk::InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const std::filesystem::filesystem_error& e) {
      // OSError(errno, message) becomes its subclass, e.g. FileNotFoundError for ENOENT.
      PyErr_SetObject(PyExc_OSError, py::make_tuple(e.code().value(), std::string(e.what())).ptr());
    }
  });

  m.def("set_builtin_plugin_dir", [](const std::string& dir) { set_builtin_plugin_dir(dir); });
  m.def("builtin_plugin_dir", [] { return builtin_plugin_dir().string(); });

  py::class_<PythonModel>(m, "Model")
      .def(py::init([](const std::string& dir, std::vector<std::string> plugin_paths,
                       std::vector<std::string> packs, std::string log_level) {
             return std::make_unique<PythonModel>(
                 dir,
                 plugin_options(std::move(plugin_paths), std::move(packs), std::move(log_level)));
           }),
           py::arg("path"), py::arg("plugin_paths"), py::arg("packs"), py::arg("log_level"))
      .def("score", &PythonModel::score, py::arg("X"))
      .def("anomaly_maps", &PythonModel::anomaly_maps, py::arg("X"))
      .def("info", &PythonModel::info);

  m.def(
      "search",
      [](const std::string& config_file, std::vector<std::string> overrides,
         const std::string& run_dir, const std::string& mode, std::vector<std::string> plugin_paths,
         std::vector<std::string> packs, std::string log_level, bool progress,
         py::object on_trial) {
        auto options =
            plugin_options(std::move(plugin_paths), std::move(packs), std::move(log_level));
        options.config_file = config_file;
        options.overrides = std::move(overrides);
        return run_search(options, run_dir, mode, progress, std::move(on_trial));
      },
      py::arg("config_file"), py::arg("overrides"), py::arg("run_dir"), py::arg("mode"),
      py::arg("plugin_paths"), py::arg("packs"), py::arg("log_level"), py::arg("progress"),
      py::arg("on_trial"));
  py::class_<PythonEvaluator>(m, "Evaluator")
      .def(py::init([](const std::string& config_file, std::vector<std::string> overrides,
                       std::vector<std::string> plugin_paths, std::vector<std::string> packs,
                       std::string log_level) {
             auto options =
                 plugin_options(std::move(plugin_paths), std::move(packs), std::move(log_level));
             options.config_file = config_file;
             options.overrides = std::move(overrides);
             return std::make_unique<PythonEvaluator>(options);
           }),
           py::arg("config_file"), py::arg("overrides"), py::arg("plugin_paths"), py::arg("packs"),
           py::arg("log_level"))
      .def("decisions", &PythonEvaluator::decisions)
      .def("evaluate", &PythonEvaluator::evaluate, py::arg("architecture"), py::arg("trial"));
  m.def(
      "check_model_folder", [](const std::string& dir) { read_model_manifest(dir, host_logger()); },
      py::arg("path"));
  m.def("read_trials", &read_trials, py::arg("run_dir"));
  m.def("read_finals", &read_finals, py::arg("run_dir"));

  m.def(
      "load_report",
      [](std::vector<std::string> plugin_paths, std::vector<std::string> packs,
         std::string log_level) {
        return load_report(
            plugin_options(std::move(plugin_paths), std::move(packs), std::move(log_level)));
      },
      py::arg("plugin_paths"), py::arg("packs"), py::arg("log_level"));
  m.def(
      "load_data",
      [](const std::string& loader, const std::vector<std::string>& options,
         std::vector<std::string> plugin_paths, std::vector<std::string> packs,
         std::string log_level) {
        return load_data(
            loader, options,
            plugin_options(std::move(plugin_paths), std::move(packs), std::move(log_level)));
      },
      py::arg("loader"), py::arg("options"), py::arg("plugin_paths"), py::arg("packs"),
      py::arg("log_level"));
}
