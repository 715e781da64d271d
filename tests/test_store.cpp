// The run folder's pieces on their own: the trial store, what resume compares, atomic writes,
// the report's curves and the model's threshold, each against values worked out by hand.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "data/DataFingerprint.hpp"
#include "io/AtomicFile.hpp"
#include "metrics/Curves.hpp"
#include "metrics/Metrics.hpp"
#include "model/ModelBundle.hpp"
#include "run/RunIdentity.hpp"
#include "store/TrialStore.hpp"

using namespace autood;

namespace {

TrialRecord record(std::int64_t index, TrialStatus status, double reward) {
  TrialRecord r;
  r.index = index;
  r.architecture = {index, 2, 0};
  r.description = "cluster / l2 | conv(channels=16,kernel=3)";
  r.status = status;
  r.reward = reward;
  r.validation = {reward, 0.9, 0.4};
  r.test = {0.81, 0.97, 0.33};
  r.seconds = 1.5;
  r.epochs = 2;
  return r;
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("the trial store keeps every trial, its decisions and the checkpoint across reopening") {
  auto dir = test::temp_dir("store");
  const auto file = dir / "trials.sqlite";
  {
    auto store = TrialStore::create(file, {"hypothesis", "layer1.transform"});
    CHECK_FALSE(store->checkpoint().has_value());
    store->add(record(0, TrialStatus::Ok, 0.75), {"cluster", "conv"});
    auto failed = record(1, TrialStatus::Failed, 0.0);
    failed.message = "a \"quoted\", odd message";
    failed.pixel_level = true;
    failed.validation_pixels = {0.6, 0.5};
    failed.test_pixels = {0.7, 0.25};
    store->add(failed, {"density", "dense"});
    // Test scores that were not finite: the child keeps its reward and its test metrics say so.
    auto untested = record(2, TrialStatus::Ok, 0.6);
    untested.test = {std::nan(""), std::nan(""), std::nan("")};
    store->add(untested, {"cluster", "conv"});
    store->save_checkpoint({2, std::string("state\0with nul", 14)});
    CHECK_THROWS_AS(store->add(record(0, TrialStatus::Ok, 0.5), {"cluster", "conv"}),
                    sdk::InputError);
  }
  auto store = TrialStore::open(file);
  auto trials = store->trials();
  REQUIRE(trials.size() == 3);
  CHECK(trials[0].index == 0);
  CHECK(trials[0].architecture == sdk::Architecture{0, 2, 0});
  CHECK(trials[0].reward == 0.75);
  CHECK(trials[0].test.aupr_out == 0.33);
  CHECK_FALSE(trials[0].pixel_level);
  CHECK(trials[1].status == TrialStatus::Failed);
  CHECK(trials[1].message == "a \"quoted\", odd message");
  CHECK(trials[1].pixel_level);
  CHECK(trials[1].test_pixels.pro == 0.25);
  CHECK(trials[2].reward == 0.6);
  CHECK(std::isnan(trials[2].test.auroc));
  CHECK(std::isnan(trials[2].test.aupr_out));
  auto checkpoint = store->checkpoint();
  REQUIRE(checkpoint.has_value());
  CHECK(checkpoint->observed == 2);
  CHECK(checkpoint->controller_state == std::string("state\0with nul", 14));

  // What `sqlite3 trials.sqlite 'select ...'` sees: trials from 1 and one column per decision.
  sqlite::Database db(file.string(), false);
  sqlite::Statement select(
      db, "SELECT trial, \"layer1.transform\" FROM trials WHERE status = 'failed'");
  REQUIRE(select.step());
  CHECK(select.integer(0) == 2);
  CHECK(select.text(1) == "dense");

  store->write_csv(dir / "trials.csv");
  auto csv = read(dir / "trials.csv");
  CHECK(test::contains(csv, "trial,status,message,reward,"));
  CHECK(test::contains(csv, ",hypothesis,layer1.transform\n"));
  CHECK(test::contains(csv, "\"a \"\"quoted\"\", odd message\""));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);
}

TEST_CASE("a file that is not a trial store is refused by name") {
  auto dir = test::temp_dir("not-a-store");
  std::ofstream(dir / "trials.sqlite") << "this is text, not a database";
  CHECK_THROWS_WITH_AS(TrialStore::open(dir / "trials.sqlite"),
                       doctest::Contains((dir / "trials.sqlite").string().c_str()),
                       sdk::InputError);
  CHECK_THROWS_WITH_AS(TrialStore::open(dir / "missing.sqlite"),
                       doctest::Contains("no trial store here"), sdk::InputError);
}

TEST_CASE("resume names each config key, plugin and dataset that changed") {
  auto dir = test::temp_dir("identity");
  auto store = TrialStore::create(dir / "trials.sqlite", {"hypothesis"});
  const std::string space =
      R"({"plugins":[{"name":"conv","version":"1.0.0"},{"name":"elu","version":"1.0.0"}],)"
      R"("decisions":[{"name":"layer1.activation","options":["elu","relu"]}]})";
  record_identity(*store,
                  {"[search]\nbudget = 8\n\n[train]\nepochs = 1\n", space, "00aa", "first data"});
  CHECK_NOTHROW(check_identity(
      *store, {"[search]\nbudget = 8\n\n[train]\nepochs = 1\n", space, "00aa", "first data"}));

  const std::string changed_space =
      R"({"plugins":[{"name":"conv","version":"1.1.0"}],"decisions":[{"name":"layer1.activation","options":["relu"]}]})";
  try {
    check_identity(*store, {"[search]\nbudget = 8\n\n[train]\nepochs = 2\nlr = 0.1\n",
                            changed_space, "00bb", "other data"});
    FAIL("a changed run was not refused");
  } catch (const sdk::InputError& error) {
    std::string message = error.what();
    CHECK(test::contains(message, "config key train.epochs was 1, now 2"));
    CHECK(test::contains(message, "config key train.lr is new: 0.1"));
    CHECK(test::contains(message, "plugin conv was 1.0.0, now 1.1.0"));
    CHECK(test::contains(message, "plugin elu 1.0.0 is no longer loaded"));
    CHECK(test::contains(message,
                         "decision layer1.activation had [\"elu\",\"relu\"], now [\"relu\"]"));
    CHECK(test::contains(
        message, "the data differs (fingerprint 00aa, now 00bb): was first data; now other data"));
  }
  // Numbers as they were written, not toml++'s 17 digits.
  auto floats = TrialStore::create(dir / "floats.sqlite", {"hypothesis"});
  record_identity(*floats, {"[score]\nlambda = 0.2\n[data]\nsplit = [0.6, 0.2, 0.2]\n", space,
                            "00aa", "first data"});
  CHECK_THROWS_WITH_AS(
      check_identity(*floats, {"[score]\nlambda = 0.3\n[data]\nsplit = [0.7, 0.2, 0.1]\n", space,
                               "00aa", "first data"}),
      doctest::Contains("config key data.split was [0.6, 0.2, 0.2], now [0.7, 0.2, 0.1]\n  "
                        "config key score.lambda was 0.2, now 0.3"),
      sdk::InputError);
}

TEST_CASE("the data fingerprint changes with any value, order or split") {
  DataSplits a;
  a.train = torch::arange(12, torch::kFloat32).reshape({4, 3});
  a.validation.samples = torch::ones({2, 3});
  a.validation.is_outlier = {0, 1};
  a.test.samples = torch::zeros({2, 3});
  a.test.is_outlier = {0, 1};
  DataSplits b = a;
  b.train = a.train.clone();
  CHECK(data_fingerprint(a) == data_fingerprint(b));
  b.train[2][1] = 100.0f;
  CHECK(data_fingerprint(a) != data_fingerprint(b));
  DataSplits c = a;
  c.test.is_outlier = {1, 0};
  CHECK(data_fingerprint(a) != data_fingerprint(c));
  DataSplits d = a;
  d.train = a.train.flip(0).contiguous();
  CHECK(data_fingerprint(a) != data_fingerprint(d));
}

TEST_CASE("a folder is replaced whole, and a file atomically") {
  auto dir = test::temp_dir("atomic");
  std::filesystem::create_directories(dir / "best");
  std::ofstream(dir / "best" / "old.txt") << "old";
  std::filesystem::create_directories(dir / "best.staging");
  std::ofstream(dir / "best.staging" / "new.txt") << "new";
  replace_folder_atomically(dir / "best.staging", dir / "best");
  CHECK(std::filesystem::exists(dir / "best" / "new.txt"));
  CHECK_FALSE(std::filesystem::exists(dir / "best" / "old.txt"));
  CHECK_FALSE(std::filesystem::exists(dir / "best.staging"));

  write_file_atomically(dir / "state.bin", "first");
  write_file_atomically(dir / "state.bin", "second");
  CHECK(read(dir / "state.bin") == "second");
  CHECK_FALSE(std::filesystem::exists(dir / "state.bin.tmp"));
}

TEST_CASE("ROC and PR curves step once per distinct score, and the ROC area is the AUROC") {
  // By hand: outliers score 0.9 and 0.7, inliers 0.8 and 0.1.
  std::vector<double> scores{0.9, 0.8, 0.7, 0.1};
  std::vector<int> outlier{1, 0, 1, 0};
  auto roc = roc_curve(scores, outlier);
  std::vector<std::pair<double, double>> expected{{0, 0}, {0, 0.5}, {0.5, 0.5}, {0.5, 1}, {1, 1}};
  REQUIRE(roc.size() == expected.size());
  for (std::size_t i = 0; i < roc.size(); ++i) {
    CHECK(roc[i].x == expected[i].first);
    CHECK(roc[i].y == expected[i].second);
  }
  auto pr = pr_curve(scores, outlier);
  REQUIRE(pr.size() == 4);
  CHECK(pr[0].x == 0.5);
  CHECK(pr[0].y == 1.0);
  CHECK(pr[2].x == 1.0);
  CHECK(pr[2].y == doctest::Approx(2.0 / 3.0));
  CHECK(roc_curve({0.5, 0.5}, {1, 0}).size() == 2);  // one tie: a single step to (1, 1)

  // On 500 scores with ties, the trapezoid area under the ROC points equals auroc(), which the
  // metrics tests check against scikit-learn.
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> level(0, 40);
  std::vector<double> many;
  std::vector<int> labels;
  for (int i = 0; i < 500; ++i) {
    labels.push_back(i % 7 == 0);
    many.push_back(level(rng) / 40.0 + (labels.back() ? 0.3 : 0.0));
  }
  auto curve = roc_curve(many, labels);
  double area = 0;
  for (std::size_t i = 1; i < curve.size(); ++i)
    area += (curve[i].x - curve[i - 1].x) * (curve[i].y + curve[i - 1].y) / 2;
  CHECK(area == doctest::Approx(auroc(many, labels)).epsilon(1e-12));
  CHECK(thin(curve, 10).size() == 10);
  CHECK(thin(curve, 10).back().x == 1.0);
}

TEST_CASE("the threshold lets at most the asked share of validation inliers through") {
  std::vector<double> scores{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, 60};
  std::vector<int> outlier{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
  CHECK(threshold_at_fpr(scores, outlier, 0.2) == 8.0);   // 9 and 10 lie above: 2 of 10
  CHECK(threshold_at_fpr(scores, outlier, 0.25) == 8.0);  // floor(2.5) = 2
  CHECK(threshold_at_fpr(scores, outlier, 0.05) == 10.0);
  CHECK(threshold_at_fpr(scores, outlier, 0.0) == 10.0);
  CHECK(std::isnan(threshold_at_fpr({1.0}, {1}, 0.1)));
}
