#include "model/ChildWeights.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <torch/torch.h>

#include <map>
#include <sstream>

#include "autood/sdk/hypothesis.hpp"
#include "model/ChildModel.hpp"

namespace autood {

void write_child(const Child& child, torch::serialize::OutputArchive& archive) {
  torch::serialize::OutputArchive model, hypothesis;
  child.model->save(model);
  child.hypothesis->save(hypothesis);
  archive.write("model", model);
  archive.write("hypothesis", hypothesis);
}

namespace {

using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

NamedTensors tensors_of(const torch::nn::Module& module, const std::string& prefix) {
  NamedTensors tensors;
  for (const auto& p : module.named_parameters()) tensors.emplace_back(prefix + p.key(), p.value());
  for (const auto& b : module.named_buffers()) tensors.emplace_back(prefix + b.key(), b.value());
  return tensors;
}

std::string describe(const at::Tensor& t) {
  return fmt::format("[{}] {}", fmt::join(t.sizes(), ", "), c10::toString(t.scalar_type()));
}

// LibTorch's Module::load puts in each tensor the archive holds, whatever its shape: every
// tensor is compared with the one the architecture built, and must hold finite values.
void load_checked(torch::nn::Module& module, torch::serialize::InputArchive& archive,
                  const std::string& prefix) {
  std::map<std::string, at::Tensor> built;
  for (const auto& [name, tensor] : tensors_of(module, prefix))
    built[name] = torch::empty(tensor.sizes(), tensor.options().device(torch::kCPU));
  module.load(archive);
  for (const auto& [name, tensor] : tensors_of(module, prefix)) {
    const auto& expected = built.at(name);
    if (tensor.sizes() != expected.sizes() || tensor.scalar_type() != expected.scalar_type())
      throw std::runtime_error(fmt::format("tensor '{}' is {}, the architecture builds {}", name,
                                           describe(tensor), describe(expected)));
    if (tensor.is_floating_point() && !torch::isfinite(tensor).all().item<bool>())
      throw std::runtime_error(fmt::format("tensor '{}' holds values that are not finite", name));
  }
}

}  // namespace

void read_child(Child& child, torch::serialize::InputArchive& archive) {
  torch::serialize::InputArchive model, hypothesis;
  archive.read("model", model);
  archive.read("hypothesis", hypothesis);
  load_checked(*child.model, model, "model.");
  load_checked(*child.hypothesis, hypothesis, "hypothesis.");
}

std::string child_weights(const Child& child) {
  torch::serialize::OutputArchive archive;
  write_child(child, archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

void load_child_weights(Child& child, const std::string& bytes) {
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.data(), bytes.size());
    read_child(child, archive);
  } catch (const c10::Error& error) {
    throw std::runtime_error(std::string("the child's weights do not load: ") +
                             error.what_without_backtrace());
  }
}

}  // namespace autood
