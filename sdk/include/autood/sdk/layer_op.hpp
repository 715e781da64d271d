#pragma once
#include <memory>

#include "autood/sdk/choices.hpp"

namespace autood::sdk {

class Block;  // autood/sdk/module.hpp; what the host and op plugins build, not what this names

// One op with its decisions fixed, such as "conv with 16 channels and kernel 3". It gives the
// encoder form and the decoder mirror of itself. Shapes exclude the batch dimension.
class AUTOOD_SDK_API LayerOp {
 public:
  virtual ~LayerOp();

  // The encoder form's output shape; throws Rejected with the reason if the op cannot apply.
  virtual Shape encoder_output(const Shape& in) const = 0;

  virtual std::shared_ptr<Block> make_encoder(const Shape& in) const = 0;

  // The decoder form, taking `in` to `out`. For a transform this mirrors the channels, for a
  // pooling op it restores the spatial size recorded at the encoder; other ops keep the shape.
  virtual std::shared_ptr<Block> make_decoder(const Shape& in, const Shape& out) const = 0;
};

// Reads a decision's value from the arguments, or throws Rejected naming the missing decision.
AUTOOD_SDK_API std::int64_t arg(const OpArgs& args, const std::string& name);

}  // namespace autood::sdk
