#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "autood/sdk/controller.hpp"
#include "config/Config.hpp"
#include "search/ChildEvaluator.hpp"
#include "store/TrialRecord.hpp"

namespace autood {

struct SearchResult {
  std::vector<TrialRecord> trials;
  std::optional<std::size_t> best;  // index into trials of the best validation reward
};

// Where a killed search stands, read back from its trial store.
struct ResumePoint {
  std::int64_t observed = 0;        // trials the restored controller has already observed
  std::vector<TrialRecord> stored;  // every stored trial, observed or from the interrupted batch
};

// Hooks for what watches a search: progress on the terminal, the run folder.
class SearchObserver {
 public:
  virtual ~SearchObserver() = default;
  // A child was trained, as soon as it finishes and before its batch is complete. Not called for
  // cache hits, nor for children a resumed search found already stored.
  virtual void on_child_done(const Evaluation& evaluation) {}
  // A trial is recorded, in proposal order, after its batch.
  virtual void on_trial(const TrialRecord& record, bool new_best) {}
  // The controller has observed every trial so far.
  virtual void on_batch_end(const sdk::Controller& controller,
                            const std::vector<TrialRecord>& trials) {}
};

// Algorithm 1's outer loop: the controller proposes a batch, the evaluator trains and scores
// each child on validation data, and the controller observes the rewards, until the budget of
// proposals is spent. An architecture proposed again is answered from the cache.
class SearchLoop {
 public:
  SearchLoop(sdk::Controller& controller, BatchEvaluator& evaluator, const SearchConfig& config)
      : controller_(controller), evaluator_(evaluator), config_(config) {}

  void add_observer(SearchObserver& observer) { observers_.push_back(&observer); }

  // From the start, or from a resume point with the controller's state already restored: the
  // observed trials are taken as they are, and the interrupted batch is proposed again, its
  // stored children reused rather than trained again.
  SearchResult run(const ResumePoint& resume = {});

 private:
  void restore(SearchResult& result, const ResumePoint& resume);
  std::vector<Evaluation> evaluate(const std::vector<sdk::Architecture>& proposals,
                                   std::int64_t first, const std::vector<double>& partial_history);
  void record(SearchResult& result, TrialRecord record);

  sdk::Controller& controller_;
  BatchEvaluator& evaluator_;
  SearchConfig config_;
  std::vector<SearchObserver*> observers_;
  std::map<std::string, TrialRecord> cache_;
  std::map<std::int64_t, TrialRecord> finished_;  // the interrupted batch's stored children
};

}  // namespace autood
