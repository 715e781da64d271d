#pragma once
#include <memory>
#include <vector>

#include "autood/sdk/module.hpp"
#include "autood/sdk/shape.hpp"

namespace autood {

// The autoencoder of one child: encoder blocks, then decoder blocks that mirror them.
class ChildModel : public torch::nn::Module {
 public:
  ChildModel(const std::vector<std::shared_ptr<sdk::Block>>& encoder,
             const std::vector<std::shared_ptr<sdk::Block>>& decoder, sdk::Shape latent);

  struct Output {
    at::Tensor latent;          // flattened code z: [N, latent_dim]
    at::Tensor reconstruction;  // same shape as the input
  };
  Output forward(const at::Tensor& x);
  at::Tensor encode(const at::Tensor& x);  // flattened code only

  const sdk::Shape& latent_shape() const { return latent_; }

 private:
  std::vector<std::shared_ptr<sdk::Block>> encoder_;
  std::vector<std::shared_ptr<sdk::Block>> decoder_;
  sdk::Shape latent_;
};

}  // namespace autood
