#include "model/ChildWeights.hpp"

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

void read_child(Child& child, torch::serialize::InputArchive& archive) {
  torch::serialize::InputArchive model, hypothesis;
  archive.read("model", model);
  archive.read("hypothesis", hypothesis);
  child.model->load(model);
  child.hypothesis->load(hypothesis);
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
