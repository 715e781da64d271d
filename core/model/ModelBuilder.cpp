#include "model/ModelBuilder.hpp"

#include <torch/torch.h>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/layer_op.hpp"

namespace autood {
namespace {

// Shape decisions, kept here so that every op agrees on them:
// - a transform keeps the spatial size (stride 1, same padding) and sets the channels;
// - a pooling kernel k > 1 halves the spatial size (stride 2, padding k/2), k = 1 is identity;
// - unpooling restores the exact size recorded at the encoder;
// - the last decoder layer maps back to the input's channels, with no norm and a linear output.
std::shared_ptr<sdk::LayerOp> make_op(const Registry& registry, const OpSpec& spec) {
  if (spec.op.empty()) return nullptr;
  return registry.get<sdk::LayerOpChoice>(spec.op).create(spec.args);
}

// A shape with the spatial size of `spatial` and the given channels.
sdk::Shape with_channels(const sdk::Shape& spatial, std::int64_t channels) {
  sdk::Shape shape = spatial;
  shape.dims.front() = channels;
  return shape;
}

struct LayerOps {
  std::shared_ptr<sdk::LayerOp> transform, pool, norm, activation;
  sdk::Shape in, out;
};

LayerOps build_encoder_layer(const Registry& registry, const LayerSpec& layer, const sdk::Shape& in,
                             std::vector<std::shared_ptr<sdk::Block>>& encoder) {
  LayerOps ops{make_op(registry, layer.transform),
               make_op(registry, layer.pool),
               make_op(registry, layer.norm),
               make_op(registry, layer.activation),
               in,
               in};
  sdk::Shape shape = in;
  for (auto* op : {&ops.transform, &ops.pool, &ops.norm, &ops.activation}) {
    if (!*op) continue;
    encoder.push_back((*op)->make_encoder(shape));
    shape = (*op)->encoder_output(shape);
    if (shape.numel() <= 0)
      throw sdk::Rejected("a layer produces an empty tensor " + sdk::to_string(shape));
  }
  ops.out = shape;
  return ops;
}

void build_decoder_layer(const LayerOps& ops, bool last,
                         std::vector<std::shared_ptr<sdk::Block>>& decoder) {
  // Decoder layer: ACT(NORM(UNPOOL(DECONV(x)))), from this layer's output back to its input.
  sdk::Shape deconv_out = with_channels(ops.out, ops.in.channels());
  if (ops.transform) decoder.push_back(ops.transform->make_decoder(ops.out, deconv_out));
  if (ops.pool) decoder.push_back(ops.pool->make_decoder(deconv_out, ops.in));
  if (last) return;
  if (ops.norm) decoder.push_back(ops.norm->make_decoder(ops.in, ops.in));
  if (ops.activation) decoder.push_back(ops.activation->make_decoder(ops.in, ops.in));
}

void dry_run(ChildModel& model, const sdk::Shape& input) {
  std::vector<std::int64_t> dims{2};
  dims.insert(dims.end(), input.dims.begin(), input.dims.end());
  torch::NoGradGuard no_grad;
  model.eval();
  auto output = model.forward(torch::rand(dims));
  model.train();
  if (output.reconstruction.sizes() != torch::IntArrayRef(dims))
    throw sdk::Rejected("the decoder gives shape " + c10::str(output.reconstruction.sizes()) +
                        " for an input of shape " + c10::str(torch::IntArrayRef(dims)));
}

}  // namespace

std::shared_ptr<ChildModel> build_child(const ModelSpec& spec, const Registry& registry,
                                        const sdk::Shape& input) {
  std::vector<std::shared_ptr<sdk::Block>> encoder, decoder;
  std::vector<LayerOps> layers;
  sdk::Shape shape = input;
  try {
    for (const auto& layer : spec.layers) {
      layers.push_back(build_encoder_layer(registry, layer, shape, encoder));
      shape = layers.back().out;
    }
    for (std::size_t i = layers.size(); i-- > 0;) build_decoder_layer(layers[i], i == 0, decoder);
    auto model = std::make_shared<ChildModel>(encoder, decoder, shape);
    dry_run(*model, input);
    return model;
  } catch (const sdk::Rejected&) {
    throw;
  } catch (const std::exception& error) {
    throw sdk::Rejected(std::string("cannot build: ") + error.what());
  }
}

}  // namespace autood
