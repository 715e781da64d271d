// End to end on a small slice of the real Fashion-MNIST: data, space, controller, training,
// scoring and the run folder, with no mock anywhere.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <fstream>
#include <functional>

#include "SearchSupport.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/controller.hpp"
#include "autood/sdk/errors.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "data/Protocols.hpp"
#include "io/Sha256.hpp"
#include "log/Logging.hpp"
#include "model/ChildModel.hpp"
#include "model/ChildWeights.hpp"
#include "model/ModelBundle.hpp"
#include "model/ModelScoring.hpp"
#include "search/ChildEvaluator.hpp"
#include "search/SearchLoop.hpp"
#include "session/Progress.hpp"
#include "session/RunDirectory.hpp"
#include "space/SearchSpace.hpp"
#include "store/TrialStore.hpp"

using namespace autood;

namespace {

Config small_config(std::int64_t budget) {
  return load_config(
      "", {"search.budget=" + std::to_string(budget), "search.batch=2", "search.layers=2",
           "search.seed=7", "train.epochs=1", "data.limit=300", "data.source.limit=6000"});
}

}  // namespace

TEST_CASE("a search runs end to end on Fashion-MNIST and is reproducible") {
  configure_threads(0);
  auto loaded = test::load(test::skeleton_plugins());
  auto config = small_config(4);
  auto dir = test::temp_dir("search");
  auto first = test::run_search(loaded->registry, config, dir / "a");

  // The protocol: 300 normal samples split 6:2:2, outliers at 5% of validation and test.
  CHECK(first.data.train.size(0) == 180);
  CHECK(first.data.validation.is_outlier.size() == 63);
  CHECK(first.data.validation.outliers() == 3);
  CHECK(first.data.test.outliers() == 3);

  REQUIRE(first.result.trials.size() == 4);
  REQUIRE(first.result.best.has_value());
  for (const auto& trial : first.result.trials) {
    CAPTURE(trial.description);
    CHECK(trial.status == TrialStatus::Ok);
    CHECK(trial.reward == trial.validation.auroc);
    CHECK(trial.test.aupr_in > 0.5);  // 95% of the test set is in-distribution
  }
  for (const char* file : {"config.toml", "space.json", "splits.csv", "trials.sqlite",
                           "controller_state.bin", "summary.json", "best/model.toml",
                           "best/config.toml", "best/weights.pt", "best/scores.csv"}) {
    CAPTURE(file);
    CHECK(std::filesystem::exists(dir / "a" / file));
  }
  // The best reward is the AUROC of the validation scores best/ stored, counted here pair by pair
  // (an outlier above an inlier counts 1, a tie 1/2): 3 outliers against 60 inliers.
  {
    std::ifstream scores_csv(dir / "a" / "best" / "scores.csv");
    std::vector<double> outliers, inliers;
    std::string line;
    std::getline(scores_csv, line);  // set,row,source_index,is_outlier,score
    while (std::getline(scores_csv, line)) {
      if (line.rfind("validation,", 0) != 0) continue;
      const auto last = line.rfind(',');
      const auto flag =
          line.substr(line.rfind(',', last - 1) + 1, last - line.rfind(',', last - 1) - 1);
      (flag == "1" ? outliers : inliers).push_back(std::stod(line.substr(last + 1)));
    }
    REQUIRE(outliers.size() == 3);
    REQUIRE(inliers.size() == 60);
    double pairs = 0.0;
    for (double o : outliers)
      for (double i : inliers) pairs += o > i ? 1.0 : o == i ? 0.5 : 0.0;
    const auto& best = first.result.trials[*first.result.best];
    CHECK(best.reward == doctest::Approx(pairs / 180.0).epsilon(1e-12));
  }
  // Numbers are written as the shortest text that reads back the same, as they were given.
  std::ifstream model_toml(dir / "a" / "best" / "model.toml");
  const std::string model((std::istreambuf_iterator<char>(model_toml)), {});
  CHECK(test::contains(model, "threshold_fpr = 0.05\n"));
  CHECK(test::contains(model, "lambda = 1.0\n"));  // a float, for TOML, though a whole number
  // A model that scores a sample NaN (its weights damaged here) gives no scores, and says which.
  auto damaged = read_model_bundle(dir / "a" / "best", loaded->registry, host_logger());
  CHECK_NOTHROW(score_with_model(damaged, loaded->registry, {}, host_logger()));
  CHECK(weights_finite(damaged.child));
  {
    torch::NoGradGuard no_grad;
    for (auto& p : damaged.child.model->parameters()) p.fill_(std::nan(""));
  }
  CHECK_FALSE(weights_finite(damaged.child));  // what marks a trained child Diverged
  CHECK_THROWS_WITH_AS(score_with_model(damaged, loaded->registry, {}, host_logger()),
                       doctest::Contains("scores sample 0 of"), sdk::InputError);
  // Such weights, or weights of another shape (which LibTorch alone would load), are refused on
  // reading, naming the file and the tensor.
  auto saved_as = [&](const LoadedModel& model, const std::string& name) {
    const auto copy = dir / name;
    std::filesystem::remove_all(copy);
    std::filesystem::copy(dir / "a" / "best", copy, std::filesystem::copy_options::recursive);
    torch::serialize::OutputArchive archive;
    write_child(model.child, archive);
    archive.save_to((copy / "weights.pt").string());
    // Recorded as the model's own, as a faulty trainer would: the checksum alone cannot tell.
    std::ifstream in(copy / "model.toml");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const auto line = text.find("\"weights.pt\" = \"");
    REQUIRE(line != std::string::npos);
    text.replace(line + 16, 64, sha256_of_file(copy / "weights.pt"));
    std::ofstream(copy / "model.toml") << text;
    return copy;
  };
  const auto first_tensor =
      "'model." + damaged.child.model->named_parameters().begin()->key() + "'";
  const auto first_weight_shape =
      damaged.child.model->named_parameters().begin()->value().sizes().vec();
  CHECK_THROWS_WITH_AS(
      read_model_bundle(saved_as(damaged, "nan"), loaded->registry, host_logger()),
      doctest::Contains(
          ("nan/weights.pt: tensor " + first_tensor + " holds values that are not finite").c_str()),
      sdk::InputError);
  // Another shape, or another dtype (which LibTorch alone would read as the module's floats).
  const std::vector<std::pair<std::string, std::function<void(at::Tensor&)>>> changes = {
      {"is [2, 3, 7, 7] Float",
       [](at::Tensor& t) {
         t.set_(torch::zeros({2, 3, 7, 7}));
       }},
      {"is [" + fmt::format("{}", fmt::join(first_weight_shape, ", ")) + "] Double",
       [](at::Tensor& t) { t.set_data(t.to(torch::kDouble)); }}};
  for (const auto& [says_text, change] : changes) {
    const std::string says = says_text;  // a plain variable, which CAPTURE's lambda can take
    CAPTURE(says);
    auto changed = read_model_bundle(dir / "a" / "best", loaded->registry, host_logger());
    {
      torch::NoGradGuard no_grad;
      auto weight = changed.child.model->named_parameters().begin()->value();
      change(weight);
    }
    CHECK_THROWS_WITH_AS(
        read_model_bundle(saved_as(changed, "changed"), loaded->registry, host_logger()),
        doctest::Contains(("changed/weights.pt: tensor " + first_tensor + " " + says +
                           ", the architecture builds [")
                              .c_str()),
        sdk::InputError);
  }
  auto stored = TrialStore::open(dir / "a" / "trials.sqlite")->trials();
  REQUIRE(stored.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(stored[i].index == first.result.trials[i].index);
    CHECK(stored[i].architecture == first.result.trials[i].architecture);
    CHECK(stored[i].reward == first.result.trials[i].reward);
    CHECK(stored[i].test.auroc == first.result.trials[i].test.auroc);
  }

  auto second = test::run_search(loaded->registry, config, dir / "b");
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(second.result.trials[i].architecture == first.result.trials[i].architecture);
    CHECK(second.result.trials[i].reward ==
          doctest::Approx(first.result.trials[i].reward).epsilon(1e-6));
  }
}

TEST_CASE(
    "a child that diverges or cannot be built ends with reward 0, and one the test set cannot "
    "score keeps its reward") {
  configure_threads(0);
  auto paths = test::skeleton_plugins();
  paths.push_back(test::faulty_plugin());
  auto loaded = test::load(paths);
  auto config = small_config(2);
  auto data = prepare_data(config.data, loaded->registry, 7, host_logger());
  auto space = SearchSpace::assemble(loaded->registry, data.shape, 1);
  // Free decisions: hypothesis {nan_loss, reconstruction}, channels, kernel, pool kernel,
  // activation {relu, unbuildable}.
  REQUIRE(space.option_counts() == std::vector<std::int64_t>{2, 7, 4, 4, 2});
  ChildEvaluator evaluator(loaded->registry, space, data, config.train, config.score,
                           host_logger());

  auto diverged = evaluator.evaluate({0, 1, 1, 0, 0}, 0, 1);
  CHECK(diverged.record.status == TrialStatus::Diverged);
  CHECK(diverged.record.reward == 0.0);
  CHECK(test::contains(diverged.record.message, "loss became nan"));

  auto rejected = evaluator.evaluate({1, 1, 1, 0, 1}, 1, 1);
  CHECK(rejected.record.status == TrialStatus::Rejected);
  CHECK(rejected.record.reward == 0.0);
  CHECK(test::contains(rejected.record.message, "this op never builds"));

  auto fine = evaluator.evaluate({1, 1, 1, 0, 0}, 2, 1);
  CHECK(fine.record.status == TrialStatus::Ok);
  CHECK(fine.record.reward > 0.0);
  CHECK(std::isfinite(fine.record.test.auroc));

  // The test set decides nothing: the same child with a test sample it cannot score keeps its
  // reward, and only its test metrics are left unmeasured. A validation sample it cannot score
  // makes it diverge.
  auto untestable = data;
  untestable.test.samples = data.test.samples.clone();
  untestable.test.samples[0].fill_(std::nan(""));
  ChildEvaluator test_blind(loaded->registry, space, untestable, config.train, config.score,
                            host_logger());
  auto unmeasured = test_blind.evaluate({1, 1, 1, 0, 0}, 2, 1);
  CHECK(unmeasured.record.status == TrialStatus::Ok);
  CHECK(unmeasured.record.reward == fine.record.reward);
  CHECK(std::isnan(unmeasured.record.test.auroc));
  CHECK(test::contains(unmeasured.record.message, "test scores are not finite"));

  auto unvalidatable = data;
  unvalidatable.validation.samples = data.validation.samples.clone();
  unvalidatable.validation.samples[0].fill_(std::nan(""));
  ChildEvaluator validation_blind(loaded->registry, space, unvalidatable, config.train,
                                  config.score, host_logger());
  auto blind = validation_blind.evaluate({1, 1, 1, 0, 0}, 2, 1);
  CHECK(blind.record.status == TrialStatus::Diverged);
  CHECK(blind.record.reward == 0.0);
}

TEST_CASE("an architecture proposed again is answered from the cache") {
  configure_threads(0);
  auto loaded = test::load(test::skeleton_plugins());
  auto config = small_config(3);
  auto data = prepare_data(config.data, loaded->registry, 7, host_logger());
  auto space = SearchSpace::assemble(loaded->registry, data.shape, 1);

  // A controller that proposes the same architecture every time.
  class Repeating : public sdk::Controller {
   public:
    std::vector<sdk::Architecture> propose(std::size_t n) override {
      return std::vector<sdk::Architecture>(n, sdk::Architecture{0, 0, 0});
    }
    void observe(const std::vector<sdk::Observation>& o) override { observed += o.size(); }
    std::string save_state() const override { return ""; }
    void load_state(const std::string&) override {}
    std::size_t observed = 0;
  } controller;
  ChildEvaluator evaluator(loaded->registry, space, data, config.train, config.score,
                           host_logger());
  SearchLoop loop(controller, evaluator, config.search);
  auto result = loop.run();
  REQUIRE(result.trials.size() == 3);
  CHECK_FALSE(result.trials[0].cached);
  CHECK(result.trials[1].cached);
  CHECK(result.trials[2].cached);
  CHECK(result.trials[2].reward == result.trials[0].reward);
  CHECK(controller.observed == 3);
}

TEST_CASE("a resumed search's progress counts the best of the trials it restored") {
  ResumePoint resume;
  resume.observed = 2;
  auto stored = [](std::int64_t index, double reward, TrialStatus status) {
    TrialRecord r;
    r.index = index, r.reward = reward, r.status = status;
    return r;
  };
  // Trial 3 (index 2) is from the interrupted batch: not observed yet, so not counted here.
  resume.stored = {stored(0, 0.7, TrialStatus::Ok), stored(1, 0.9, TrialStatus::Ok),
                   stored(2, 0.95, TrialStatus::Ok)};
  test::RecordingLogger log;
  Progress progress(10, resume, log, /*live=*/false);
  Evaluation next;
  next.record = stored(3, 0.5, TrialStatus::Ok);
  progress.on_child_done(next);
  REQUIRE(!log.lines.empty());
  CHECK(test::contains(log.lines[0], "trial 4/10  last 0.5000"));
  CHECK(test::contains(log.lines[0], "best 0.9000 (trial 2)"));
}

TEST_CASE(
    "the median rule's threshold: the median once the warmup is reached, only when pruning can "
    "act") {
  PruneConfig prune;
  prune.rule = "median";
  prune.at_epoch = 1;
  prune.warmup = 3;
  TrainConfig train;
  train.epochs = 3;
  CHECK_FALSE(pruning_threshold(prune, train, {0.5, 0.7}).has_value());  // 2 < warmup
  CHECK(*pruning_threshold(prune, train, {0.9, 0.5, 0.7}) == doctest::Approx(0.7));
  CHECK(*pruning_threshold(prune, train, {0.9, 0.5, 0.7, 0.6}) == doctest::Approx(0.65));
  train.epochs = 1;  // nothing left to stop after epoch 1
  CHECK_FALSE(pruning_threshold(prune, train, {0.9, 0.5, 0.7}).has_value());
  train.epochs = 3;
  prune.rule = "none";
  CHECK_FALSE(pruning_threshold(prune, train, {0.9, 0.5, 0.7}).has_value());
  CHECK_THROWS_WITH_AS(load_config("", {"prune.rule=mean"}),
                       doctest::Contains("'prune.rule' must be one of: none, median"),
                       sdk::InputError);
}

TEST_CASE(
    "median pruning stops a child below the earlier batches' median after one epoch, and stores "
    "why") {
  configure_threads(0);
  auto loaded = test::load(test::skeleton_plugins());
  auto config = small_config(12);
  config.train.epochs = 3;
  config.prune.rule = "median";
  config.prune.at_epoch = 1;
  config.prune.warmup = 2;
  auto dir = test::temp_dir("prune");
  auto run = test::run_search(loaded->registry, config, dir);
  REQUIRE(run.result.trials.size() == 12);

  // Worked out again from the records: each batch of 2 is judged against the median of the
  // partial rewards of the trained trials before it.
  std::vector<double> history;
  int pruned = 0, full = 0;
  for (std::size_t batch = 0; batch < 12; batch += 2) {
    auto threshold = pruning_threshold(config.prune, config.train, history);
    for (std::size_t i = batch; i < batch + 2; ++i) {
      const auto& t = run.result.trials[i];
      CAPTURE(i);
      if (t.cached) continue;
      REQUIRE(t.partial_reward.has_value());
      if (threshold && *t.partial_reward < *threshold) {
        CHECK(t.status == TrialStatus::Pruned);
        CHECK(t.epochs == 1);
        CHECK(t.reward == doctest::Approx(*t.partial_reward));
        CHECK(test::contains(t.message, "pruned after 1 epochs"));
        ++pruned;
      } else {
        CHECK(t.status == TrialStatus::Ok);
        CHECK(t.epochs == 3);
        ++full;
      }
    }
    for (std::size_t i = batch; i < batch + 2; ++i)
      if (!run.result.trials[i].cached) history.push_back(*run.result.trials[i].partial_reward);
  }
  MESSAGE(pruned << " pruned, " << full << " trained in full");
  CHECK(pruned > 0);
  CHECK(full > 2);
  // The best model is never a pruned child, and the store gives the partial rewards back.
  REQUIRE(run.result.best.has_value());
  CHECK(run.result.trials[*run.result.best].status == TrialStatus::Ok);
  auto stored = TrialStore::open(dir / "trials.sqlite")->trials();
  REQUIRE(stored.size() == 12);
  for (std::size_t i = 0; i < 12; ++i) {
    CAPTURE(i);
    CHECK(stored[i].status == run.result.trials[i].status);
    CHECK(stored[i].partial_reward == run.result.trials[i].partial_reward);
  }
}
