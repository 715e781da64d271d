#pragma once
#include <optional>
#include <string>
#include <vector>

#include "autood/sdk/registrar.hpp"
#include "plugin/LoadReport.hpp"
#include "plugin/Registry.hpp"

namespace autood {

struct StagingFault {
  LoadStatus status;
  std::string message;  // names the kind, the choice and the field at fault
};

// The Registrar a plugin registers into. Nothing reaches the registry until commit(), so that a
// plugin that throws or clashes halfway leaves no trace.
class StagingRegistrar : public sdk::Registrar {
 public:
  StagingRegistrar(const Registry& registry, sdk::Logger& log) : registry_(registry), log_(log) {}

  void add(sdk::HypothesisChoice choice) override { hypotheses_.push_back(std::move(choice)); }
  void add(sdk::DistanceChoice choice) override { distances_.push_back(std::move(choice)); }
  void add(sdk::LayerOpChoice choice) override { layers_.push_back(std::move(choice)); }
  void add(sdk::ControllerChoice choice) override { controllers_.push_back(std::move(choice)); }
  void add(sdk::DatasetChoice choice) override { datasets_.push_back(std::move(choice)); }
  sdk::Logger& log() override { return log_; }

  // The first fault of what was staged: a choice without a name or a factory, or with an option
  // whose range is empty or excludes its default (NoName, NoFactory, BadOption), or a name already
  // taken or taken twice by this plugin (Duplicate).
  std::optional<StagingFault> first_fault() const;

  // A short list of what was staged, such as "distance l2, layer conv".
  std::string summary() const;

  void commit(Registry& registry, const Provenance& from);

 private:
  const Registry& registry_;
  sdk::Logger& log_;
  std::vector<sdk::HypothesisChoice> hypotheses_;
  std::vector<sdk::DistanceChoice> distances_;
  std::vector<sdk::LayerOpChoice> layers_;
  std::vector<sdk::ControllerChoice> controllers_;
  std::vector<sdk::DatasetChoice> datasets_;
};

}  // namespace autood
