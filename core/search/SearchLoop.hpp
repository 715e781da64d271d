#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "autood/sdk/controller.hpp"
#include "config/Config.hpp"
#include "search/ChildEvaluator.hpp"
#include "search/TrialRecord.hpp"

namespace autood {

struct SearchResult {
  std::vector<TrialRecord> trials;
  std::optional<std::size_t> best;  // index into trials of the best validation reward
  std::optional<Child> best_child;
};

// Hooks for what watches a search: progress on the terminal, the run folder, later a trial store.
class SearchObserver {
 public:
  virtual ~SearchObserver() = default;
  // A child finished training, before its batch is complete (not called for cache hits).
  virtual void on_child_done(const TrialRecord& record) {}
  // A trial is recorded, in proposal order, after its batch.
  virtual void on_trial(const TrialRecord& record, bool new_best, const Child* child) {}
  virtual void on_batch_end(const sdk::Controller& controller, const std::vector<TrialRecord>& trials) {}
};

// Algorithm 1's outer loop: the controller proposes a batch, the evaluator trains and scores
// each child on validation data, and the controller observes the rewards, until the budget of
// proposals is spent. An architecture proposed again is answered from the cache.
class SearchLoop {
 public:
  SearchLoop(sdk::Controller& controller, ChildEvaluator& evaluator, const SearchConfig& config)
      : controller_(controller), evaluator_(evaluator), config_(config) {}

  void add_observer(SearchObserver& observer) { observers_.push_back(&observer); }
  SearchResult run();

 private:
  void record(SearchResult& result, TrialRecord record, std::optional<Child> child);

  sdk::Controller& controller_;
  ChildEvaluator& evaluator_;
  SearchConfig config_;
  std::vector<SearchObserver*> observers_;
  std::map<std::string, TrialRecord> cache_;
};

}  // namespace autood
