#pragma once
#include <optional>
#include <string>
#include <vector>

#include "autood/sdk/registrar.hpp"
#include "plugin/LoadReport.hpp"
#include "plugin/PerKind.hpp"
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

#define AUTOOD_STAGE_ADD(kind, Choice, word) \
  void add(sdk::Choice choice) override { staged_.of<sdk::Choice>().push_back(std::move(choice)); }
  AUTOOD_PLUGIN_KINDS(AUTOOD_STAGE_ADD)
#undef AUTOOD_STAGE_ADD
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
  template <typename Choice>
  using Staged = std::vector<Choice>;
  PerKind<Staged> staged_;
};

}  // namespace autood
