#include "PythonPlugins.hpp"

#include <pybind11/stl.h>

#include "plugin/PerKind.hpp"

namespace py = pybind11;

namespace autood::python {

namespace {

py::dict plugin_row(const LoadReport& report) {
  py::dict row;
  row["status"] = to_string(report.status);
  row["plugin"] = report.plugin;
  row["version"] = report.version;
  row["pack"] = report.pack;
  row["path"] = report.path;
  row["message"] = report.message;
  return row;
}

}  // namespace

py::dict load_report(const CommonOptions& plugins) {
  auto session = open_session(plugins);
  py::list files, packs;
  for (const auto& report : session->reports) files.append(plugin_row(report));
  for (const auto& pack : session->packs) {
    for (const auto& library : pack.libraries) files.append(plugin_row(library));
    py::dict row;
    row["status"] = to_string(pack.status);
    row["name"] = pack.name;
    row["version"] = pack.version;
    row["description"] = pack.description;
    row["folder"] = pack.folder;
    row["message"] = pack.message;
    packs.append(row);
  }
  py::dict choices;
  for (auto kind : kAllKinds) choices[sdk::to_string(kind)] = session->registry.names(kind);
  py::dict report;
  report["plugins"] = files;
  report["packs"] = packs;
  report["choices"] = choices;
  return report;
}

}  // namespace autood::python
