#pragma once
// A dataset plugin's samples as NumPy arrays: what a model's loader would have given it, so that
// Python scores the same values `autood score` scores.
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "cli/Session.hpp"

namespace autood::python {

// (X, y): X float32 [n, ...], y int64 [n] or None when the source has no labels. `options` are
// the loader's, as key=value with TOML values.
pybind11::tuple load_data(const std::string& loader, const std::vector<std::string>& options,
                          CommonOptions plugins);

}  // namespace autood::python
