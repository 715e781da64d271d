#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"

namespace autood {

// Where a registered choice came from, so that runs can record every plugin's name and version.
struct Provenance {
  std::string plugin;
  std::string version;
  std::string path;
  std::string pack;  // the pack it came with, or ""
};

template <typename Choice>
struct Registered {
  Choice choice;
  Provenance from;
};

// Every choice that loaded plugins registered, keyed by kind and name. It holds descriptions and
// factories only; the libraries behind them stay loaded for the whole process.
class Registry {
 public:
  const std::map<std::string, Registered<sdk::HypothesisChoice>>& hypotheses() const {
    return hypotheses_;
  }
  const std::map<std::string, Registered<sdk::DistanceChoice>>& distances() const {
    return distances_;
  }
  const std::map<std::string, Registered<sdk::LayerOpChoice>>& layers() const { return layers_; }
  const std::map<std::string, Registered<sdk::ControllerChoice>>& controllers() const {
    return controllers_;
  }
  const std::map<std::string, Registered<sdk::DatasetChoice>>& datasets() const {
    return datasets_;
  }

  // The registered choice, or an InputError naming the valid names.
  const sdk::HypothesisChoice& hypothesis(const std::string& name) const;
  const sdk::DistanceChoice& distance(const std::string& name) const;
  const sdk::LayerOpChoice& layer(const std::string& name) const;
  const sdk::ControllerChoice& controller(const std::string& name) const;
  const sdk::DatasetChoice& dataset(const std::string& name) const;

  bool contains(sdk::Kind kind, const std::string& name) const;
  std::vector<std::string> names(sdk::Kind kind) const;
  std::vector<Provenance> plugins() const;  // one per plugin that registered anything

  void add(sdk::HypothesisChoice choice, const Provenance& from);
  void add(sdk::DistanceChoice choice, const Provenance& from);
  void add(sdk::LayerOpChoice choice, const Provenance& from);
  void add(sdk::ControllerChoice choice, const Provenance& from);
  void add(sdk::DatasetChoice choice, const Provenance& from);

 private:
  std::map<std::string, Registered<sdk::HypothesisChoice>> hypotheses_;
  std::map<std::string, Registered<sdk::DistanceChoice>> distances_;
  std::map<std::string, Registered<sdk::LayerOpChoice>> layers_;
  std::map<std::string, Registered<sdk::ControllerChoice>> controllers_;
  std::map<std::string, Registered<sdk::DatasetChoice>> datasets_;
};

}  // namespace autood
