#pragma once
// A controller's saved state: named tensors, integers, doubles and strings, pickled by LibTorch
// into one byte string. Reading checks every name and shape, so a state from another controller
// or another search space is an error, never a silent mix.
#include <ATen/Tensor.h>
#include <ATen/core/Generator.h>
#include <c10/util/ArrayRef.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>

namespace autood::controllers {

class StateArchive {
 public:
  StateArchive() = default;
  // Reads a state written by bytes(); what names the controller in errors.
  static StateArchive parse(const std::string& bytes, const std::string& what);

  void put_tensor(const std::string& key, const at::Tensor& tensor);
  void put_int(const std::string& key, std::int64_t value);
  void put_double(const std::string& key, double value);
  void put_string(const std::string& key, const std::string& value);

  // Each throws InputError naming the key if it is missing or has another shape.
  at::Tensor get_tensor(const std::string& key, c10::IntArrayRef expected_shape) const;
  at::Tensor get_tensor(const std::string& key) const;
  std::int64_t get_int(const std::string& key) const;
  double get_double(const std::string& key) const;
  std::string get_string(const std::string& key) const;

  // Random generators, so that a restored controller draws what the saved one would have.
  void put_engine(const std::string& key, const std::mt19937_64& engine);
  void get_engine(const std::string& key, std::mt19937_64& engine) const;
  void put_generator(const std::string& key, const at::Generator& generator);
  void get_generator(const std::string& key, at::Generator& generator) const;

  std::string bytes() const;

 private:
  std::map<std::string, at::Tensor> entries_;
  std::string what_ = "controller";
};

}  // namespace autood::controllers
