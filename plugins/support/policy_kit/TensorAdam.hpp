#pragma once
// Adam (Kingma and Ba) over a list of leaf tensors. Written out rather than torch::optim::Adam
// so that its whole state is a few tensors that a controller can save and restore exactly.
#include <ATen/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace autood::controllers {

class StateArchive;

class TensorAdam {
 public:
  TensorAdam(std::vector<at::Tensor> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999,
             double epsilon = 1e-8);

  // One step from the parameters' .grad(), which it then clears. Parameters without a gradient
  // are left alone.
  void step();
  void zero_grad();
  const std::vector<at::Tensor>& parameters() const { return parameters_; }

  void save(StateArchive& archive, const std::string& prefix) const;
  void load(const StateArchive& archive, const std::string& prefix);

 private:
  std::vector<at::Tensor> parameters_, first_moment_, second_moment_;
  double lr_, beta1_, beta2_, epsilon_;
  std::int64_t steps_ = 0;
};

}  // namespace autood::controllers
