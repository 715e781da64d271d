#include "PythonEvaluator.hpp"

#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "TrialDicts.hpp"
#include "autood/sdk/errors.hpp"
#include "log/Logging.hpp"
#include "search/Seeds.hpp"

namespace py = pybind11;

namespace autood::python {

namespace {

// One child at a time in the process: LibTorch's seed and thread pool are the process's, so
// two evaluators training at once would make each other's results depend on timing.
std::mutex training;

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

}  // namespace

PythonEvaluator::PythonEvaluator(const CommonOptions& options) : session_(open_session(options)) {
  py::gil_scoped_release release;
  setup_ = prepare_evaluation(session_->config, session_->registry, host_logger());
}

py::list PythonEvaluator::decisions() const {
  py::list list;
  for (const auto& decision : setup_->space->decisions()) {
    py::dict d;
    d["name"] = decision.name;
    d["options"] = decision.options;
    d["free"] = decision.free();
    list.append(d);
  }
  return list;
}

sdk::Architecture PythonEvaluator::architecture_of(const py::object& given) const {
  const auto& decisions = setup_->space->decisions();
  if (!py::isinstance<py::dict>(given)) {
    sdk::Architecture indices;
    try {
      indices = given.cast<sdk::Architecture>();
    } catch (const py::cast_error&) {
      throw sdk::InputError(
          "an architecture is a list of option indices, one per free decision, or a dict "
          "{decision name: option}; got " +
          py::str(py::type::of(given).attr("__name__")).cast<std::string>());
    }
    setup_->space->decode(indices);  // checks the count and each index's range
    return indices;
  }
  auto chosen = given.cast<py::dict>();
  std::set<std::string> known;
  sdk::Architecture indices;
  for (const auto& decision : decisions) {
    known.insert(decision.name);
    if (!chosen.contains(decision.name)) {
      if (!decision.free()) continue;  // a fixed decision has its one option anyway
      throw sdk::InputError("the architecture names no option for decision '" + decision.name +
                            "' (options: " + joined(decision.options) + ")");
    }
    const auto option = py::str(chosen[py::str(decision.name)]).cast<std::string>();
    std::size_t at = 0;
    while (at < decision.options.size() && decision.options[at] != option) ++at;
    if (at == decision.options.size())
      throw sdk::InputError("decision '" + decision.name + "' has no option '" + option +
                            "' (options: " + joined(decision.options) + ")");
    if (decision.free()) indices.push_back(static_cast<std::int64_t>(at));
  }
  for (const auto& [name, value] : chosen) {
    const auto key = py::str(name).cast<std::string>();
    if (known.count(key) == 0)
      throw sdk::InputError("the space has no decision '" + key + "'; its decisions are " +
                            joined({known.begin(), known.end()}));
  }
  return indices;
}

py::dict PythonEvaluator::evaluate(const py::object& architecture, std::int64_t trial) {
  if (trial < 1) throw sdk::InputError("trial numbers start at 1, got " + std::to_string(trial));
  const auto indices = architecture_of(architecture);
  std::optional<Evaluation> evaluation;
  {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> one_at_a_time(training);
    const auto seed = static_cast<std::uint64_t>(session_->config.search.seed);
    evaluation.emplace(
        setup_->evaluator->evaluate(indices, trial - 1, trial_seed(seed, trial - 1)));
  }
  auto record = trial_dict(evaluation->record);
  py::dict chosen;
  const auto& decisions = setup_->space->decisions();
  const auto options = setup_->space->chosen_options(indices);
  for (std::size_t i = 0; i < decisions.size(); ++i)
    chosen[py::str(decisions[i].name)] = options[i];
  record["decisions"] = chosen;
  return record;
}

}  // namespace autood::python
