#include "model/ChildWeights.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <torch/torch.h>

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

std::string describe(const at::Tensor& t) {
  return fmt::format("[{}] {}", fmt::join(t.sizes(), ", "), c10::toString(t.scalar_type()));
}

bool finite(const at::Tensor& t) {
  return !t.is_floating_point() || torch::isfinite(t).all().item<bool>();
}

// LibTorch's Module::load puts each stored tensor into the module's with set_, which takes any
// shape and keeps the module's dtype, so that a double tensor would be read as floats. Every
// stored tensor is first read as it is, by the layout Module::save writes, and compared with the
// one the architecture built; only then does the module load.
void check_stored(const torch::nn::Module& module, torch::serialize::InputArchive& archive,
                  const std::string& prefix) {
  auto check = [&](const std::string& key, const at::Tensor& built, bool is_buffer) {
    at::Tensor stored;
    if (!archive.try_read(key, stored, is_buffer)) return;  // Module::load names what is missing
    const auto name = prefix + key;
    if (stored.sizes() != built.sizes() || stored.scalar_type() != built.scalar_type())
      throw std::runtime_error(fmt::format("tensor '{}' is {}, the architecture builds {}", name,
                                           describe(stored), describe(built)));
    if (!finite(stored))
      throw std::runtime_error(fmt::format("tensor '{}' holds values that are not finite", name));
  };
  for (const auto& p : module.named_parameters(/*recurse=*/false)) check(p.key(), p.value(), false);
  for (const auto& b : module.named_buffers(/*recurse=*/false)) check(b.key(), b.value(), true);
  for (const auto& child : module.named_children()) {
    torch::serialize::InputArchive stored;
    if (child.value()->is_serializable() && archive.try_read(child.key(), stored))
      check_stored(*child.value(), stored, prefix + child.key() + ".");
  }
}

void load_checked(torch::nn::Module& module, torch::serialize::InputArchive& archive,
                  const std::string& prefix) {
  check_stored(module, archive, prefix);
  module.load(archive);
}

}  // namespace

bool weights_finite(const Child& child) {
  for (const torch::nn::Module* module :
       {static_cast<const torch::nn::Module*>(child.model.get()),
        static_cast<const torch::nn::Module*>(child.hypothesis.get())}) {
    for (const auto& p : module->parameters())
      if (!finite(p)) return false;
    for (const auto& b : module->buffers())
      if (!finite(b)) return false;
  }
  return true;
}

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
