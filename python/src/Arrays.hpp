#pragma once
// NumPy arrays in and out of LibTorch tensors, with the shape checks a Python caller needs: the
// samples a model takes, as X of shape [n, features], [n, H, W] or [n, C, H, W].
#include <ATen/core/Tensor.h>
#include <pybind11/numpy.h>

#include <string>

#include "autood/sdk/shape.hpp"

namespace autood::python {

// X as float samples of `input_shape`, on X's own buffer when it is float32 and C-contiguous (the
// tensor keeps X alive), else on one float32 copy. A grey image model also takes [n, H, W]. Throws
// sdk::InputError naming both shapes when X does not fit, or when it holds no sample.
at::Tensor samples_from_array(const pybind11::array& x, const sdk::Shape& input_shape);

// A tensor of any dtype autood produces (float, double, int64, bool) as a NumPy array, copied.
pybind11::array array_from_tensor(const at::Tensor& tensor);

// (n, 28, 28): a NumPy shape the way Python prints it.
std::string shape_text(const pybind11::array& x);

}  // namespace autood::python
