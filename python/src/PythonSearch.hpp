#pragma once
// Searches from Python, the way `autood search` and `resume` run them, and the trials a run
// folder's store holds, as Python dicts.
#include <pybind11/pybind11.h>

#include <string>

#include "cli/Session.hpp"

namespace autood::python {

// mode: "start" (refuses a folder that holds a run), "overwrite", "continue" (as --continue) or
// "resume" (the run's own config.toml; options.config_file is ignored). Returns the run folder.
// The search runs without the GIL. After each stored trial, `on_trial(trial_dict, new_best)` is
// called unless it is None, and Ctrl-C is looked for after each batch: either one's exception
// stops the search at the end of that batch, resumable, and reaches the caller.
std::string run_search(CommonOptions options, const std::string& run_dir, const std::string& mode,
                       bool progress, pybind11::object on_trial);

// Every stored trial of the run in `run_dir`, and its finals (empty without a final training).
pybind11::list read_trials(const std::string& run_dir);
pybind11::list read_finals(const std::string& run_dir);

}  // namespace autood::python
