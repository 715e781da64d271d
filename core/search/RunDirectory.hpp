#pragma once
#include <filesystem>
#include <fstream>
#include <string>

#include "config/Config.hpp"
#include "plugin/Registry.hpp"
#include "search/SearchLoop.hpp"
#include "space/SearchSpace.hpp"

namespace autood {

// The run folder (SPEC section 8), written as the search goes so that nothing finished is lost:
//   config.toml            the resolved config
//   space.json             every plugin's name and version, and every decision's options
//   trials.csv             one row per evaluated child
//   controller_state.bin   the controller's state after the last batch
//   best/architecture.toml and best/model.pt, the best child so far
//   summary.json           the best child and its test metrics, at the end
class RunDirectory : public SearchObserver {
 public:
  RunDirectory(std::filesystem::path dir, const Config& config, const SearchSpace& space,
               const Registry& registry);

  void on_trial(const TrialRecord& record, bool new_best, const Child* child) override;
  void on_batch_end(const sdk::Controller& controller, const std::vector<TrialRecord>& trials) override;
  void write_summary(const SearchResult& result, const std::string& data_description, double seconds);

  const std::filesystem::path& path() const { return dir_; }

 private:
  void save_best(const TrialRecord& record, const Child& child);

  std::filesystem::path dir_;
  std::ofstream trials_;
};

// A fresh folder name under runs/, from the config's name and the time.
std::filesystem::path default_run_dir(const std::string& config_file);

}  // namespace autood
