#include "Arrays.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <memory>
#include <vector>

#include "autood/sdk/errors.hpp"

namespace py = pybind11;

namespace autood::python {

std::string shape_text(const py::array& x) {
  std::string text = "(";
  for (py::ssize_t i = 0; i < x.ndim(); ++i) text += (i ? ", " : "") + std::to_string(x.shape(i));
  return text + (x.ndim() == 1 ? ",)" : ")");
}

at::Tensor samples_from_array(const py::array& x, const sdk::Shape& input_shape) {
  const auto& dims = input_shape.dims;
  const std::vector<std::int64_t> given(x.shape() + std::min<py::ssize_t>(x.ndim(), 1),
                                        x.shape() + x.ndim());
  const bool grey = dims.size() == 3 && dims[0] == 1 &&
                    given == std::vector<std::int64_t>(dims.begin() + 1, dims.end());
  if (x.ndim() < 2 || (given != dims && !grey)) {
    std::string accepted = "(n, " + fmt::format("{}", fmt::join(dims, ", ")) + ")";
    if (dims.size() == 3 && dims[0] == 1)
      accepted = fmt::format("(n, {}, {}) or {}", dims[1], dims[2], accepted);
    throw sdk::InputError(
        fmt::format("the model takes samples of shape {}, so X must be {}; X has shape {}",
                    sdk::to_string(input_shape), accepted, shape_text(x)));
  }
  if (x.shape(0) == 0) throw sdk::InputError("X holds no sample (shape " + shape_text(x) + ")");
  if (x.dtype().kind() != 'f' && x.dtype().kind() != 'i' && x.dtype().kind() != 'u' &&
      x.dtype().kind() != 'b')
    throw sdk::InputError("X must hold numbers; its dtype is " + std::string(py::str(x.dtype())));
  // forcecast converts any numeric dtype and makes the copy C-contiguous.
  auto floats = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(x);
  if (!floats) throw py::error_already_set();
  std::vector<std::int64_t> sizes{x.shape(0)};
  sizes.insert(sizes.end(), dims.begin(), dims.end());
  // The tensor reads the array's own buffer, which it keeps alive: a float32 C-contiguous X is
  // never copied, any other X once (by forcecast, above).
  auto owner = std::make_unique<py::array>(floats);
  auto samples = torch::from_blob(
      const_cast<float*>(floats.data()), sizes,
      [owner = owner.get()](void*) {
        py::gil_scoped_acquire gil;  // the last reference may go in a thread without it
        delete owner;
      },
      torch::TensorOptions().dtype(torch::kFloat32));
  owner.release();  // the tensor's deleter owns it now
  const auto finite = torch::isfinite(samples).flatten(1).all(1);
  if (!finite.all().item<bool>())
    throw sdk::InputError(
        fmt::format("X holds a value that is not a finite number in sample {}",
                    torch::logical_not(finite).nonzero()[0][0].item<std::int64_t>()));
  return samples;
}

py::array array_from_tensor(const at::Tensor& tensor) {
  auto t = tensor.detach().to(torch::kCPU).contiguous();
  std::vector<py::ssize_t> shape(t.sizes().begin(), t.sizes().end());
  switch (t.scalar_type()) {
    case torch::kFloat32:
      return py::array_t<float>(shape, t.data_ptr<float>());
    case torch::kFloat64:
      return py::array_t<double>(shape, t.data_ptr<double>());
    case torch::kInt64:
      return py::array_t<std::int64_t>(shape, t.data_ptr<std::int64_t>());
    case torch::kBool:
      return py::array_t<bool>(shape, t.data_ptr<bool>());
    default:
      return array_from_tensor(t.to(torch::kFloat64));
  }
}

}  // namespace autood::python
