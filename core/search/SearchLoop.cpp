#include "search/SearchLoop.hpp"

#include "autood/sdk/errors.hpp"
#include "space/SearchSpace.hpp"

namespace autood {

void SearchLoop::record(SearchResult& result, TrialRecord record, std::optional<Child> child) {
  bool new_best = record.status == TrialStatus::Ok &&
                  (!result.best || record.reward > result.trials[*result.best].reward);
  result.trials.push_back(record);
  if (new_best) {
    result.best = result.trials.size() - 1;
    if (child) result.best_child = std::move(child);
  }
  for (auto* observer : observers_)
    observer->on_trial(result.trials.back(), new_best, new_best ? &*result.best_child : nullptr);
}

SearchResult SearchLoop::run() {
  SearchResult result;
  const auto budget = config_.budget;
  while (static_cast<std::int64_t>(result.trials.size()) < budget) {
    auto first = static_cast<std::int64_t>(result.trials.size());
    auto count = std::min<std::int64_t>(config_.batch, budget - first);
    auto proposals = controller_.propose(static_cast<std::size_t>(count));
    if (proposals.size() != static_cast<std::size_t>(count))
      throw std::runtime_error("the controller proposed " + std::to_string(proposals.size()) +
                               " architectures instead of " + std::to_string(count));

    // Train each new architecture once, even when it appears twice in the batch.
    std::vector<PendingTrial> pending;
    std::map<std::string, std::size_t> first_in_batch;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      auto key = SearchSpace::key(proposals[i]);
      if (!cache_.count(key) && first_in_batch.emplace(key, i).second)
        pending.push_back({first + static_cast<std::int64_t>(i), proposals[i]});
    }
    auto evaluations = evaluator_.evaluate_batch(pending, static_cast<std::uint64_t>(config_.seed),
                                                 [this](const TrialRecord& done) {
                                                   for (auto* observer : observers_) observer->on_child_done(done);
                                                 });

    std::map<std::string, Evaluation*> fresh;
    for (auto& evaluation : evaluations) fresh[SearchSpace::key(evaluation.record.architecture)] = &evaluation;
    std::vector<sdk::Observation> observations;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      auto key = SearchSpace::key(proposals[i]);
      auto found = fresh.find(key);
      if (found != fresh.end() && found->second->record.index == first + static_cast<std::int64_t>(i)) {
        cache_[key] = found->second->record;
        record(result, found->second->record, std::move(found->second->child));
      } else {
        TrialRecord hit = cache_.at(key);
        hit.index = first + static_cast<std::int64_t>(i);
        hit.cached = true;
        hit.seconds = 0.0;
        record(result, hit, std::nullopt);
      }
      observations.push_back({proposals[i], result.trials.back().reward});
    }
    controller_.observe(observations);
    for (auto* observer : observers_) observer->on_batch_end(controller_, result.trials);
  }
  return result;
}

}  // namespace autood
