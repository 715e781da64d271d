#include "PythonData.hpp"

#include <pybind11/numpy.h>
#include <torch/torch.h>

#include "Arrays.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "data/NewInput.hpp"
#include "log/Logging.hpp"

namespace py = pybind11;

namespace autood::python {

py::tuple load_data(const std::string& loader, const std::vector<std::string>& options,
                    CommonOptions plugins) {
  plugins.overrides = {"data.source.loader=" + loader};
  for (const auto& option : options) plugins.overrides.push_back("data.source." + option);
  auto session = open_session(plugins);
  const auto& source = session->config.data.source;
  const auto& choice = session->registry.get<sdk::DatasetChoice>(source.loader);
  auto params = resolve_options(choice.params, source.options, "load_data()");
  // Given a file of its own, the data brings only what is given with it: idx's default labels
  // are the training set's, which would pair other images with the wrong labels.
  const std::string input = input_option(choice);
  if (!input.empty() && is_given(options, input))
    leave_out_old_source(params, choice, options, "", host_logger());
  sdk::Dataset data;
  {
    py::gil_scoped_release release;
    data = choice.create()->load(params, host_logger());
  }
  if (!data.samples.defined() || data.samples.size(0) == 0)
    throw sdk::InputError("dataset loader '" + loader + "' returned no samples");
  return py::make_tuple(
      array_from_tensor(data.samples.to(torch::kFloat32)),
      data.labels.defined() ? py::object(array_from_tensor(data.labels)) : py::object(py::none()));
}

}  // namespace autood::python
