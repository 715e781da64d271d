#include "model/ChildModel.hpp"

#include <torch/torch.h>

namespace autood {

ChildModel::ChildModel(const std::vector<std::shared_ptr<sdk::Block>>& encoder,
                       const std::vector<std::shared_ptr<sdk::Block>>& decoder, sdk::Shape latent)
    : encoder_(encoder), decoder_(decoder), latent_(std::move(latent)) {
  for (std::size_t i = 0; i < encoder_.size(); ++i)
    register_module("encoder" + std::to_string(i), encoder_[i]);
  for (std::size_t i = 0; i < decoder_.size(); ++i)
    register_module("decoder" + std::to_string(i), decoder_[i]);
}

at::Tensor ChildModel::encode(const at::Tensor& x) {
  at::Tensor h = x;
  for (auto& block : encoder_) h = block->forward(h);
  return h.flatten(1);
}

ChildModel::Output ChildModel::forward(const at::Tensor& x) {
  at::Tensor h = x;
  for (auto& block : encoder_) h = block->forward(h);
  Output output;
  output.latent = h.flatten(1);
  for (auto& block : decoder_) h = block->forward(h);
  output.reconstruction = h;
  return output;
}

}  // namespace autood
