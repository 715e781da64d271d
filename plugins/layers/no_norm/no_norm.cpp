// The "none" option of the normalization decision: the identity.
#include "autood/kit/blocks.hpp"
#include "autood/sdk/layer_op.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class NoNorm : public autood::sdk::LayerOp {
 public:
  autood::sdk::Shape encoder_output(const autood::sdk::Shape& in) const override { return in; }
  std::shared_ptr<autood::sdk::Block> make_encoder(const autood::sdk::Shape&) const override {
    return autood::kit::identity_block();
  }
  std::shared_ptr<autood::sdk::Block> make_decoder(const autood::sdk::Shape&,
                                                   const autood::sdk::Shape&) const override {
    return autood::kit::identity_block();
  }
};

void register_no_norm(autood::sdk::Registrar& registrar) {
  autood::sdk::LayerOpChoice choice;
  choice.name = "no_norm";
  choice.summary = "no normalization";
  choice.role = autood::sdk::Role::Norm;
  choice.ranks = {};  // the identity fits any rank
  choice.create = [](const autood::sdk::OpArgs&) { return std::make_shared<NoNorm>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("no_norm", "1.0.0", register_no_norm)
