#pragma once
// One child trained from outside the search: another optimiser (Optuna, NNI, a script) proposes
// architectures, and autood's own evaluator builds, trains and scores each as a search's child.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>

#include "cli/Session.hpp"
#include "search/EvaluationSetup.hpp"

namespace autood::python {

class PythonEvaluator {
 public:
  // Reads the config, loads the plugins and the data, and assembles the space, once.
  explicit PythonEvaluator(const CommonOptions& options);

  // The space's decisions in order: [{"name", "options", "free"}]. A list architecture gives an
  // option index for each free one.
  pybind11::list decisions() const;

  // Trains and scores one architecture: a list of option indices (one per free decision) or a
  // dict {decision name: option}. `trial` (from 1) seeds it as the search seeds its trial of
  // that number, so the same architecture and trial reproduce the search's record. Returns the
  // record as Run.trials gives it, with "decisions" {name: chosen option}. Runs without the GIL.
  pybind11::dict evaluate(const pybind11::object& architecture, std::int64_t trial);

 private:
  sdk::Architecture architecture_of(const pybind11::object& given) const;

  std::unique_ptr<Session> session_;
  std::unique_ptr<EvaluationSetup> setup_;
};

}  // namespace autood::python
