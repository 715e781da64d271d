// Final training and ensembles: which architectures are trained again, which finals make the
// model, and an ensemble's scores against its members' combined by hand.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ScoreFidelity.hpp"
#include "TestSupport.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "model/ChildScoring.hpp"
#include "model/Ensemble.hpp"
#include "model/ModelBundle.hpp"
#include "session/FinalTraining.hpp"
#include "session/SearchSession.hpp"

using namespace autood;

namespace {

TrialRecord trial(std::int64_t index, double reward, TrialStatus status = TrialStatus::Ok,
                  bool cached = false) {
  TrialRecord r;
  r.index = index;
  r.reward = reward;
  r.status = status;
  r.cached = cached;
  r.architecture = {index};
  return r;
}

FinalRecord final_of(std::int64_t index, std::int64_t rank, double reward,
                     TrialStatus status = TrialStatus::Ok) {
  return {rank, 0.0, trial(index, reward, status), false};
}

// A search of 4 one-epoch children on a small slice of the skeleton's data, plus these [final]
// overrides.
Config small_search_with(std::vector<std::string> final_overrides) {
  std::vector<std::string> overrides{"search.budget=4", "search.batch=2",        "search.layers=2",
                                     "search.seed=7",   "train.epochs=1",        "train.subset=100",
                                     "data.limit=300",  "data.source.limit=6000"};
  overrides.insert(overrides.end(), final_overrides.begin(), final_overrides.end());
  return load_config("", overrides);
}

}  // namespace

TEST_CASE("ensemble: each member standardised on the validation inliers, then averaged") {
  // Inliers 1, 2, 3: mean 2 and sample standard deviation 1; the outlier (10) is left out.
  auto first = scale_on_inliers({1, 2, 3, 10}, {0, 0, 0, 1});
  CHECK(first.mean == doctest::Approx(2.0));
  CHECK(first.std == doctest::Approx(1.0));
  auto second = scale_on_inliers({10, 20, 30, 40}, {0, 0, 0, 1});
  CHECK(second.mean == doctest::Approx(20.0));
  CHECK(second.std == doctest::Approx(10.0));
  // (-1, 0, 1, 8) and (-1, 0, 1, 2) averaged.
  auto combined = combine_scores({{1, 2, 3, 10}, {10, 20, 30, 40}}, {first, second});
  CHECK(combined == std::vector<double>{-1, 0, 1, 5});
  // A member constant on the inliers is only shifted.
  CHECK(scale_on_inliers({4, 4, 9}, {0, 0, 1}).std == 1.0);
}

TEST_CASE(
    "final training: the top_k distinct trained architectures by search reward, and the "
    "model's finals by their own validation reward") {
  std::vector<TrialRecord> trials{trial(0, 0.70),
                                  trial(1, 0.90),
                                  trial(2, 0.90, TrialStatus::Ok, /*cached=*/true),
                                  trial(3, 0.95, TrialStatus::Diverged),
                                  trial(4, 0.80, TrialStatus::Timeout),
                                  trial(5, 0.90)};
  auto candidates = final_candidates(trials, 3);
  REQUIRE(candidates.size() == 3);
  CHECK(candidates[0].index == 1);  // 0.90, proposed before trial 5
  CHECK(candidates[1].index == 5);
  CHECK(candidates[2].index == 4);  // a timed-out child still has a reward
  CHECK(final_candidates(trials, 10).size() == 4);
  CHECK(final_candidates(trials, 0).empty());

  // Finals re-rank: the third by search rank trained best; a failed final is never chosen.
  std::vector<FinalRecord> finals{final_of(1, 1, 0.91), final_of(5, 2, 0.93, TrialStatus::Failed),
                                  final_of(4, 3, 0.95), final_of(0, 4, 0.91)};
  CHECK(best_finals(finals, 1) == std::vector<std::size_t>{2});
  CHECK(best_finals(finals, 3) == std::vector<std::size_t>{2, 0, 3});  // equal: better rank first
  CHECK(best_finals(finals, 9).size() == 3);
}

TEST_CASE(
    "final training end to end: finals at final.epochs, an ensemble model whose scores "
    "are its members' combined, saved and read back, and scoring as the search did") {
  configure_threads(0);
  auto loaded = test::load(test::skeleton_plugins());
  auto config = small_search_with({"final.top_k=3", "final.epochs=2", "final.ensemble=2"});
  auto dir = test::temp_dir("final") / "run";
  SearchSession session(config, loaded->registry, dir, SearchSession::Mode::Start, host_logger());
  auto result = session.run(/*progress=*/false);
  for (const auto& t : result.trials) CHECK(t.epochs == 1);
  REQUIRE(session.finals().has_value());
  const auto& outcome = *session.finals();
  const auto expected = final_candidates(result.trials, 3);
  REQUIRE(outcome.finals.size() == expected.size());
  REQUIRE(outcome.finals.size() >= 2);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(outcome.finals[i].record.index == expected[i].index);
    CHECK(outcome.finals[i].record.epochs == 2);
    CHECK(outcome.finals[i].search_reward == expected[i].reward);
  }
  // The model is the two finals with the best validation reward, found here independently.
  auto by_reward = outcome.finals;
  std::stable_sort(by_reward.begin(), by_reward.end(),
                   [](const auto& a, const auto& b) { return a.record.reward > b.record.reward; });
  REQUIRE(outcome.ensemble);
  CHECK(outcome.model_trials ==
        std::vector<std::int64_t>{by_reward[0].record.index, by_reward[1].record.index});

  // Read back, the ensemble scores the validation set as its members combined by the formula.
  auto model = read_model_bundle(dir / "best", loaded->registry, host_logger());
  REQUIRE(model.is_ensemble());
  REQUIRE(model.members.size() == 2);
  const auto& validation = session.data().validation;
  std::vector<std::vector<double>> member_scores;
  std::vector<ScoreScale> scales;
  for (std::size_t m = 0; m < 2; ++m) {
    CHECK(model.members[m]->facts.trial == outcome.model_trials[m]);
    CHECK(model.members[m]->facts.final);
    member_scores.push_back(to_doubles(model_scores(*model.members[m], validation.samples)));
    scales.push_back(scale_on_inliers(member_scores.back(), validation.is_outlier));
    CHECK(model.member_scales[m].mean == doctest::Approx(scales[m].mean).epsilon(1e-9));
    CHECK(model.member_scales[m].std == doctest::Approx(scales[m].std).epsilon(1e-9));
  }
  auto expected_scores = combine_scores(member_scores, scales);
  auto scores = to_doubles(model_scores(model, validation.samples));
  REQUIRE(scores.size() == expected_scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i)
    CHECK(scores[i] == doctest::Approx(expected_scores[i]).epsilon(1e-9));
  CHECK(detection_metrics(scores, validation.is_outlier).auroc ==
        doctest::Approx(outcome.reward).epsilon(1e-9));
  test::check_scores_as_stored(dir / "best", loaded->registry);

  // The report's example images carry the ensemble's scores, as in scores.csv, not a member's.
  std::map<std::int64_t, double> stored_test;
  for (const auto& s : test::read_stored_scores(dir / "best" / "scores.csv"))
    if (s.set == "test") stored_test[s.source_index] = s.score;
  std::ifstream examples(dir / "best" / "examples" / "examples.csv");
  std::string line, row, source_index, is_outlier, score;
  std::getline(examples, line);  // row,source_index,is_outlier,score,sample,map,mask
  std::size_t listed = 0;
  while (std::getline(examples, line)) {
    std::istringstream fields(line);
    std::getline(fields, row, ',');
    std::getline(fields, source_index, ',');
    std::getline(fields, is_outlier, ',');
    std::getline(fields, score, ',');
    REQUIRE(stored_test.count(std::stoll(source_index)) == 1);
    CHECK(std::stod(score) ==
          doctest::Approx(stored_test[std::stoll(source_index)]).epsilon(1e-12));
    ++listed;
  }
  CHECK(listed >= 2);

  // The store and the summary hold the finals and which of them the model is.
  auto stored = session.run_folder().store().finals();
  REQUIRE(stored.size() == outcome.finals.size());
  for (const auto& f : stored)
    CHECK(f.in_model ==
          (f.record.index == outcome.model_trials[0] || f.record.index == outcome.model_trials[1]));
  std::ifstream in(dir / "summary.json");
  auto summary = nlohmann::json::parse(in);
  CHECK(summary["final"]["model"]["ensemble"] == true);
  CHECK(summary["final"]["finals"].size() == outcome.finals.size());
}

TEST_CASE(
    "final training with keep_best_epoch: each final's saved model is the epoch it kept, and "
    "scores validation as its record says and its whole source as it stored") {
  configure_threads(0);
  auto loaded = test::load(test::skeleton_plugins());
  auto config =
      small_search_with({"final.top_k=2", "final.epochs=4", "final.keep_best_epoch=true"});
  auto dir = test::temp_dir("final-best-epoch") / "run";
  SearchSession session(config, loaded->registry, dir, SearchSession::Mode::Start, host_logger());
  session.run(/*progress=*/false);
  REQUIRE(session.finals().has_value());
  const auto& data = session.data();
  std::size_t kept_earlier = 0;
  for (const auto& final : session.finals()->finals) {
    REQUIRE(scored(final.record.status));
    kept_earlier += final.record.epochs < 4;
    CHECK(final.record.epochs >= 1);
    CHECK(final.record.epochs <= 4);
    CHECK((final.record.epochs == 4) ==
          (final.record.message.find("kept epoch") == std::string::npos));
    const auto folder = dir / "finals" / ("trial-" + std::to_string(final.record.index + 1));
    auto model = read_model_bundle(folder, loaded->registry, host_logger());
    CHECK(model.facts.epochs == final.record.epochs);
    auto scores = to_doubles(model_scores(model, data.validation.samples));
    CHECK(detection_metrics(scores, data.validation.is_outlier).auroc ==
          doctest::Approx(final.record.reward).epsilon(1e-9));
    test::check_scores_as_stored(folder, loaded->registry);
  }
  // Otherwise the test could pass with keep_best_epoch doing nothing at all.
  CHECK(kept_earlier >= 1);
}
