#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"
#include "autood/sdk/controller.hpp"
#include "config/Config.hpp"
#include "plugin/Registry.hpp"
#include "space/ModelSpec.hpp"
#include "space/SpaceSize.hpp"

namespace autood {

// One decision of the space: which hypothesis, which op of a role in layer i, or the value of
// an op's own decision (such as the conv kernel) in layer i.
struct Decision {
  enum class Type { Hypothesis, Distance, Op, OpValue };
  std::string name;  // "hypothesis", "layer2.pool", "layer1.transform.kernel", ...
  Type type = Type::Hypothesis;
  int layer = -1;  // 0-based layer index; -1 for the global decisions
  sdk::Role role = sdk::Role::Transform;
  std::string value_name;            // for OpValue: the op decision's name, such as "kernel"
  std::vector<std::string> options;  // op names sorted by name, or values in increasing order
  std::vector<std::int64_t> values;  // for OpValue: the numeric options

  // A decision with a single option is fixed: it is recorded, but the controller never sees it.
  bool free() const { return options.size() > 1; }
};

// Search-space assembly per the paper III.A. Each decision's options come from the loaded
// plugins that fit the data's rank, sorted by name so that indices never depend on the order in
// which files were found.
class SearchSpace {
 public:
  // Throws sdk::InputError if the data has no transform op, hypothesis or distance that fits.
  // `narrow` may shrink an op's decisions to a subset of what the op declares. Hypotheses that
  // use labels join only when `labelled_training` (the training split holds labelled outliers).
  static SearchSpace assemble(const Registry& registry, const sdk::Shape& input, int layers,
                              const SpaceConfig& narrow = {}, bool labelled_training = false);

  const std::vector<Decision>& decisions() const { return decisions_; }
  const sdk::Shape& input_shape() const { return input_; }
  int layers() const { return layers_; }

  // The controller's view: the option count of each free decision, in order.
  std::vector<std::int64_t> option_counts() const;

  // Architecture (one index per free decision) to names and values. Throws InputError if the
  // architecture does not fit this space.
  ModelSpec decode(const sdk::Architecture& architecture) const;

  // The chosen option of every decision, fixed ones included, in the order of decisions(): what
  // the trial store keeps in one column per decision. Throws like decode().
  std::vector<std::string> chosen_options(const sdk::Architecture& architecture) const;

  // A stable text key of an architecture, for the evaluation cache.
  static std::string key(const sdk::Architecture& architecture);

  SpaceSize size() const;

 private:
  void add_global(Decision::Type type, const std::string& name, std::vector<std::string> options);
  void add_layer_role(const Registry& registry, int layer, sdk::Role role,
                      const SpaceConfig& narrow);

  std::vector<Decision> decisions_;
  sdk::Shape input_;
  int layers_ = 0;
};

}  // namespace autood
