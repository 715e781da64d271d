#pragma once
// A trial record as the flat Python dict that Run.trials, on_trial and evaluate() share.
#include <pybind11/pybind11.h>

#include "store/TrialRecord.hpp"

namespace autood::python {

// Its columns named as `autood export-csv` names the common ones, and its architecture (one
// option index per free decision, the controller's view).
pybind11::dict trial_dict(const TrialRecord& record);

}  // namespace autood::python
