#include "search/SearchLoop.hpp"

#include "autood/sdk/errors.hpp"
#include "search/Seeds.hpp"
#include "space/SearchSpace.hpp"

namespace autood {
namespace {

// Strictly better, so that the first of equal rewards stays the best, as proposed.
bool beats_best(const SearchResult& result, const TrialRecord& record) {
  return scored(record.status) &&
         (!result.best || record.reward > result.trials[*result.best].reward);
}

}  // namespace

void SearchLoop::record(SearchResult& result, TrialRecord record) {
  bool new_best = beats_best(result, record);
  result.trials.push_back(std::move(record));
  if (new_best) result.best = result.trials.size() - 1;
  for (auto* observer : observers_) observer->on_trial(result.trials.back(), new_best);
}

void SearchLoop::restore(SearchResult& result, const ResumePoint& resume) {
  for (const auto& trial : resume.stored) {
    if (trial.index >= resume.observed) {
      if (!trial.cached) finished_[trial.index] = trial;
      continue;
    }
    if (trial.index != static_cast<std::int64_t>(result.trials.size()))
      throw sdk::InputError("the trial store lacks trial " + std::to_string(result.trials.size()) +
                            ", which the controller has observed; the run folder is damaged");
    if (!trial.cached) cache_[SearchSpace::key(trial.architecture)] = trial;
    bool new_best = beats_best(result, trial);
    result.trials.push_back(trial);
    if (new_best) result.best = result.trials.size() - 1;
  }
  if (static_cast<std::int64_t>(result.trials.size()) != resume.observed)
    throw sdk::InputError("the controller has observed " + std::to_string(resume.observed) +
                          " trials but the store holds " + std::to_string(result.trials.size()) +
                          " of them; the run folder is damaged");
}

// Trains each new architecture of the batch once, even when it appears twice, and reuses a
// child that a killed run had already finished and stored.
std::vector<Evaluation> SearchLoop::evaluate(const std::vector<sdk::Architecture>& proposals,
                                             std::int64_t first,
                                             const std::vector<double>& partial_history) {
  std::vector<PendingTrial> pending;
  std::vector<Evaluation> reused;
  std::map<std::string, std::size_t> first_in_batch;
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    auto key = SearchSpace::key(proposals[i]);
    if (cache_.count(key) || !first_in_batch.emplace(key, i).second) continue;
    const auto index = first + static_cast<std::int64_t>(i);
    auto stored = finished_.find(index);
    if (stored == finished_.end()) {
      pending.push_back(
          {index, proposals[i], trial_seed(static_cast<std::uint64_t>(config_.seed), index)});
      continue;
    }
    if (stored->second.architecture != proposals[i])
      throw sdk::InputError("trial " + std::to_string(index + 1) + " was stored as " +
                            SearchSpace::key(stored->second.architecture) +
                            " but the restored controller proposed " + key +
                            "; the controller did not restore its state exactly");
    reused.push_back({stored->second, std::nullopt, {}, {}});
  }
  auto evaluations = evaluator_.evaluate_batch(
      pending,
      [this](const Evaluation& done) {
        for (auto* observer : observers_) observer->on_child_done(done);
      },
      partial_history);
  for (auto& evaluation : reused) evaluations.push_back(std::move(evaluation));
  return evaluations;
}

SearchResult SearchLoop::run(const ResumePoint& resume) {
  SearchResult result;
  restore(result, resume);
  const auto budget = config_.budget;
  while (static_cast<std::int64_t>(result.trials.size()) < budget) {
    auto first = static_cast<std::int64_t>(result.trials.size());
    auto count = std::min<std::int64_t>(config_.batch, budget - first);
    auto proposals = controller_.propose(static_cast<std::size_t>(count));
    if (proposals.size() != static_cast<std::size_t>(count))
      throw std::runtime_error("the controller proposed " + std::to_string(proposals.size()) +
                               " architectures instead of " + std::to_string(count));
    std::vector<double> partial_history;  // trained trials only: a cache hit is no new evidence
    for (const auto& trial : result.trials)
      if (trial.partial_reward && !trial.cached) partial_history.push_back(*trial.partial_reward);
    auto evaluations = evaluate(proposals, first, partial_history);

    std::map<std::int64_t, const TrialRecord*> fresh;
    for (const auto& evaluation : evaluations) fresh[evaluation.record.index] = &evaluation.record;
    std::vector<sdk::Observation> observations;
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      const auto index = first + static_cast<std::int64_t>(i);
      auto key = SearchSpace::key(proposals[i]);
      auto found = fresh.find(index);
      if (found != fresh.end()) {
        cache_[key] = *found->second;
        record(result, *found->second);
      } else {
        TrialRecord hit = cache_.at(key);
        hit.index = index;
        hit.cached = true;
        hit.seconds = 0.0;
        record(result, hit);
      }
      observations.push_back({proposals[i], result.trials.back().reward});
    }
    controller_.observe(observations);
    for (auto* observer : observers_) observer->on_batch_end(controller_, result.trials);
  }
  finished_.clear();
  return result;
}

}  // namespace autood
