#include "model/ChildWeights.hpp"

#include <torch/torch.h>

#include <sstream>

#include "autood/sdk/hypothesis.hpp"
#include "model/ChildModel.hpp"

namespace autood {

std::string child_weights(const Child& child) {
  torch::serialize::OutputArchive archive, model, hypothesis;
  child.model->save(model);
  child.hypothesis->save(hypothesis);
  archive.write("model", model);
  archive.write("hypothesis", hypothesis);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

void load_child_weights(Child& child, const std::string& bytes) {
  try {
    torch::serialize::InputArchive archive, model, hypothesis;
    archive.load_from(bytes.data(), bytes.size());
    archive.read("model", model);
    archive.read("hypothesis", hypothesis);
    child.model->load(model);
    child.hypothesis->load(hypothesis);
  } catch (const c10::Error& error) {
    throw std::runtime_error(std::string("the child's weights do not load: ") +
                             error.what_without_backtrace());
  }
}

}  // namespace autood
