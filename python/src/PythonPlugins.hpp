#pragma once
// The plugin load report as data: what `autood plugins` prints, for Python.
#include <pybind11/pybind11.h>

#include "cli/Session.hpp"

namespace autood::python {

// {"plugins": [one dict per plugin file], "packs": [one dict per pack], "choices": {kind word:
// [registered names]}}: every file the loader looked at, loaded or skipped with its reason.
pybind11::dict load_report(const CommonOptions& plugins);

}  // namespace autood::python
