// The protocols and the pixel metrics, on fixtures the tests write; each loader is tested in its
// own plugin folder.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "DataSupport.hpp"
#include "ImageWriter.hpp"
#include "SearchSupport.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "data/NewInput.hpp"
#include "data/OodProtocol.hpp"
#include "data/Protocols.hpp"
#include "log/Logging.hpp"
#include "metrics/PixelMetrics.hpp"
#include "model/AnomalyMaps.hpp"
#include "model/ModelBundle.hpp"
#include "search/ChildEvaluator.hpp"
#include "search/Seeds.hpp"
#include "space/SearchSpace.hpp"

using namespace autood;
namespace fs = std::filesystem;

using namespace autood::test;

namespace {

// The pixel AUROC of `model`'s maps of `set` against its masks, counted pixel pair by pixel pair
// (an anomalous pixel above a normal one counts 1, a tie 1/2): the definition, not the library.
double pixel_auroc_by_pairs(LoadedModel& model, const LabelledSet& set) {
  const auto maps = anomaly_maps(model, set.samples).to(torch::kDouble).flatten();
  const auto masks = set.masks.flatten();
  std::vector<double> anomalous, normal;
  for (std::int64_t i = 0; i < maps.numel(); ++i)
    (masks[i].item<float>() > 0.5f ? anomalous : normal).push_back(maps[i].item<double>());
  REQUIRE_FALSE(anomalous.empty());
  double pairs = 0.0;
  for (double a : anomalous)
    for (double n : normal) pairs += a > n ? 1.0 : a == n ? 0.5 : 0.0;
  return pairs / (double(anomalous.size()) * double(normal.size()));
}

}  // namespace

TEST_CASE("ood: outliers from another source, conformed to the in-distribution shape") {
  auto rgb = torch::rand({5, 3, 8, 8});
  CHECK(conform_samples(rgb, {1, 4, 4}, "x").sizes() == torch::IntArrayRef({5, 1, 4, 4}));
  auto grey = torch::rand({5, 1, 8, 8});
  auto replicated = conform_samples(grey, {3, 8, 8}, "x");
  CHECK(replicated[0][2].equal(grey[0][0]));
  CHECK_THROWS_WITH_AS(conform_samples(torch::rand({5, 2, 8, 8}), {3, 8, 8}, "data.outliers"),
                       doctest::Contains("data.outliers has 2 channels"), sdk::InputError);
  CHECK_THROWS_AS(conform_samples(torch::rand({5, 7}), {6}, "data.outliers"), sdk::InputError);

  auto loaded = test::load({test::builtin_plugins()});
  auto config = load_config("", {"data.protocol=ood", "data.source.limit=500",
                                 "data.source.labels=", "data.outliers.loader=noise",
                                 "data.outliers.shape=[3, 32, 32]", "data.outliers.count=100"});
  auto splits = prepare_data(config.data, loaded->registry, 1, host_logger());
  CHECK(splits.train.size(0) == 300);
  CHECK(splits.validation.samples.sizes() ==
        torch::IntArrayRef({105, 1, 28, 28}));  // 100 + 5 outliers
  CHECK(splits.validation.outliers() == 5);
  CHECK(splits.test.outliers() == 5);

  auto missing = load_config("", {"data.protocol=ood"});
  CHECK_THROWS_WITH_AS(prepare_data(missing.data, loaded->registry, 1, host_logger()),
                       doctest::Contains("needs a [data.outliers] section"), sdk::InputError);
}

TEST_CASE(
    "pixel AUROC and PRO agree with the scipy and scikit-learn reference on the committed "
    "fixture") {
  std::ifstream in(test::source_fixtures() / "pixel_metrics_reference.json");
  REQUIRE(in);
  auto fixture = nlohmann::json::parse(in);
  auto scores = fixture["scores"].get<std::vector<double>>();
  auto masks = fixture["masks"].get<std::vector<int>>();
  const PixelGrid grid{fixture["images"].get<std::int64_t>(), fixture["height"].get<std::int64_t>(),
                       fixture["width"].get<std::int64_t>()};
  std::int64_t regions = 0;
  for (std::int64_t i = 0; i < grid.images; ++i) {
    std::int64_t count = 0;
    label_regions(masks.data() + i * grid.height * grid.width, grid.height, grid.width, count);
    regions += count;
  }
  CHECK(regions == fixture["regions"].get<std::int64_t>());
  CHECK(pixel_auroc(scores, masks) ==
        doctest::Approx(fixture["pixel_auroc"].get<double>()).epsilon(1e-9));
  CHECK(pro_score(scores, masks, grid) ==
        doctest::Approx(fixture["pro_0.3"].get<double>()).epsilon(1e-9));
  CHECK(pro_score(scores, masks, grid, 1.0) ==
        doctest::Approx(fixture["pro_1.0"].get<double>()).epsilon(1e-9));

  // By hand: one 2-pixel region; scores rank the region first, so PRO is 1 at FPR 0.
  std::vector<int> mask{1, 1, 0, 0};
  CHECK(pro_score({0.9, 0.8, 0.1, 0.2}, mask, {1, 2, 2}) == doctest::Approx(1.0));
  CHECK_THROWS_AS(pro_score({0.1, 0.2, 0.3, 0.4}, {0, 0, 0, 0}, {1, 2, 2}), sdk::InputError);
}

TEST_CASE("a segmentation search runs end to end on an MVTec-layout fixture") {
  configure_threads(0);
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("segmentation");
  write_mvtec(dir / "tile", 16, 16, 4, 4);
  for (std::string metric : {"auroc", "pro"}) {
    CAPTURE(metric);
    auto config =
        load_config("", {"data.protocol=segmentation", "data.source.loader=mvtec",
                         "data.source.path=" + (dir / "tile").string(), "data.source.size=[16, 16]",
                         "data.source.channels=1", "data.pixel_metric=" + metric, "search.budget=2",
                         "search.batch=2", "search.layers=2", "search.seed=3", "train.epochs=2"});
    auto run = test::run_search(loaded->registry, config, dir / ("run-" + metric));
    CHECK(run.data.train.size(0) == 16);
    CHECK(run.data.validation.samples.size(0) + run.data.test.samples.size(0) == 8);
    REQUIRE(run.result.trials.size() == 2);
    for (const auto& trial : run.result.trials) {
      CAPTURE(trial.description);
      CAPTURE(trial.message);
      if (trial.status != TrialStatus::Ok) continue;
      CHECK(trial.pixel_level);
      CHECK(trial.reward ==
            (metric == "pro" ? trial.validation_pixels.pro : trial.validation_pixels.pixel_auroc));
    }
    REQUIRE(run.result.best.has_value());
    // The best trial's test pixel AUROC is that of best/'s maps against the masks.
    {
      auto model =
          read_model_bundle(dir / ("run-" + metric) / "best", loaded->registry, host_logger());
      const auto& best = run.result.trials[*run.result.best];
      CHECK(best.test_pixels.pixel_auroc ==
            doctest::Approx(pixel_auroc_by_pairs(model, run.data.test)).epsilon(1e-9));
    }
    // The report's examples: each test image beside its map and its mask.
    const auto examples = dir / ("run-" + metric) / "best" / "examples";
    std::ifstream listed(examples / "examples.csv");
    std::string header, first;
    std::getline(listed, header);
    std::getline(listed, first);
    CHECK(header == "row,source_index,is_outlier,score,sample,map,mask");
    CHECK(test::contains(first, "-mask.png"));
    CHECK(std::filesystem::exists(examples / "0000-mask.png"));

    // Anomaly maps that are not finite: on the test set the child keeps its reward and only its
    // pixel test metrics are unmeasured; on validation it diverges with reward 0.
    if (metric != "auroc") continue;
    const auto& best = run.result.trials[*run.result.best];
    auto space = SearchSpace::assemble(loaded->registry, run.data.shape, config.search.layers);
    auto untestable = run.data;
    untestable.test.samples = run.data.test.samples.clone();
    untestable.test.samples[0].fill_(std::nan(""));
    ChildEvaluator test_blind(loaded->registry, space, untestable, config.train, config.score,
                              host_logger());
    auto unmeasured = test_blind.evaluate(best.architecture, best.index,
                                          trial_seed(config.search.seed, best.index));
    CHECK(unmeasured.record.status == TrialStatus::Ok);
    CHECK(unmeasured.record.reward == doctest::Approx(best.reward));
    CHECK(std::isnan(unmeasured.record.test_pixels.pixel_auroc));
    CHECK(test::contains(unmeasured.record.message, "test anomaly maps are not finite"));
    auto unvalidatable = run.data;
    unvalidatable.validation.samples = run.data.validation.samples.clone();
    unvalidatable.validation.samples[0].fill_(std::nan(""));
    ChildEvaluator validation_blind(loaded->registry, space, unvalidatable, config.train,
                                    config.score, host_logger());
    auto blind = validation_blind.evaluate(best.architecture, best.index,
                                           trial_seed(config.search.seed, best.index));
    CHECK(blind.record.status == TrialStatus::Diverged);
    CHECK(blind.record.reward == 0.0);
  }
}

TEST_CASE("a segmentation search without a defective image ranks children on made defects") {
  configure_threads(0);
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("segmentation-synthetic");
  write_mvtec(dir / "tile", 16, 16, 4, 4);
  auto config = load_config(
      "", {"data.protocol=segmentation", "data.source.loader=mvtec",
           "data.source.path=" + (dir / "tile").string(), "data.source.size=[16, 16]",
           "data.source.channels=1", "data.validation=\"synthetic\"",
           "data.generators=[\"cutpaste\"]", "data.contamination=0.5", "search.budget=2",
           "search.batch=2", "search.layers=2", "search.seed=3", "train.epochs=2"});
  auto run = test::run_search(loaded->registry, config, dir / "run");
  // Validation is cut from the 16 training images, and the test is the whole test split.
  CHECK(run.data.train.size(0) + run.data.validation.samples.size(0) -
            static_cast<std::int64_t>(run.data.validation.outliers()) ==
        16);
  CHECK(run.data.test.samples.size(0) == 8);
  REQUIRE(run.result.best.has_value());
  // The reward is best/'s pixel AUROC against the made masks.
  const auto& best = run.result.trials[*run.result.best];
  CHECK(best.pixel_level);
  auto model = read_model_bundle(dir / "run" / "best", loaded->registry, host_logger());
  CHECK(best.reward ==
        doctest::Approx(pixel_auroc_by_pairs(model, run.data.validation)).epsilon(1e-9));
}

TEST_CASE("a tabular search runs end to end on a CSV fixture with the dense op") {
  configure_threads(0);
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("tabular");
  std::mt19937 rng(9);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::ostringstream csv;
  csv << "f1,f2,f3,f4,f5,label\n";
  for (int i = 0; i < 400; ++i) {
    const bool outlier = i % 5 == 0;
    for (int f = 0; f < 5; ++f)
      csv << 100 + 10 * f + noise(rng) * (f + 1) + (outlier ? 8.0 * (f + 1) : 0.0) << ",";
    csv << (outlier ? "attack" : "normal") << "\n";
  }
  write_text(dir / "table.csv", csv.str());
  auto config =
      load_config("", {"data.source.loader=csv", "data.source.path=" + (dir / "table.csv").string(),
                       "data.normal_classes=[1]", "search.budget=2", "search.batch=2",
                       "search.layers=2", "search.seed=2", "train.epochs=3"});
  auto run = test::run_search(loaded->registry, config, dir / "run");
  // Standardised by the training split: mean 0 and unit variance per feature there.
  CHECK(run.data.train.mean(0).abs().max().item<float>() < 1e-4);
  CHECK(run.data.train.std(0, false).sub(1).abs().max().item<float>() < 1e-4);
  REQUIRE(run.result.best.has_value());
  CHECK(test::contains(run.result.trials[*run.result.best].description, "dense"));
  CHECK(run.result.trials[*run.result.best].reward > 0.5);
}

namespace {

// A labelled CSV whose first feature is the row's number in the file, so that a test can tell
// which rows a split holds: `counts[c]` rows of class c, classes interleaved.
void write_labelled_csv(const fs::path& file, const std::vector<int>& counts) {
  std::string text = "row,x,label\n";
  std::vector<int> left = counts;
  int row = 0;
  for (bool any = true; any;) {
    any = false;
    for (std::size_t c = 0; c < left.size(); ++c)
      if (left[c]-- > 0) {
        text += std::to_string(row++) + "," + std::to_string(0.5 * static_cast<double>(c)) + "," +
                std::to_string(c) + "\n";
        any = true;
      }
  }
  write_text(file, text);
}

}  // namespace

TEST_CASE(
    "one_class with [data.test]: train and validation from the source, every test row "
    "tested and labelled by its class") {
  auto dir = test::temp_dir("standard-protocol");
  write_labelled_csv(dir / "train.csv", {50, 30, 30});
  write_labelled_csv(dir / "test.csv", {7, 5, 4});
  auto loaded = test::load({test::builtin_plugins()});
  auto config =
      load_config("", {"data.protocol=one_class", "data.normal_classes=[0]",
                       "data.split=[0.8, 0.2]", "data.contamination=0.1", "data.standardize=false",
                       "data.source.loader=csv", "data.source.path=" + (dir / "train.csv").string(),
                       "data.test.loader=csv", "data.test.path=" + (dir / "test.csv").string()});
  auto splits = prepare_data(config.data, loaded->registry, 7, host_logger());
  // 50 normal rows: 40 train, 10 validation, plus round(10 * 0.1 / 0.9) = 1 outlier.
  CHECK(splits.train.size(0) == 40);
  CHECK(splits.validation.is_outlier.size() == 11);
  CHECK(splits.validation.outliers() == 1);
  CHECK((splits.train.select(1, 1) == 0).all().item<bool>());  // x = 0 only for class 0
  // The test set is the whole test file in its order: 16 rows, the 9 of classes 1 and 2 outliers.
  REQUIRE(splits.test.is_outlier.size() == 16);
  CHECK(splits.test.outliers() == 9);
  for (std::int64_t i = 0; i < 16; ++i) {
    CHECK(splits.test.samples[i][0].item<double>() == doctest::Approx(static_cast<double>(i)));
    CHECK(splits.test.source_index[static_cast<std::size_t>(i)] == i);
    const bool outlier = splits.test.samples[i][1].item<double>() != 0.0;
    CHECK(splits.test.is_outlier[static_cast<std::size_t>(i)] == (outlier ? 1 : 0));
  }
  CHECK(splits.description.find("test 7+9 outliers (all of") != std::string::npos);

  // Without [data.test] the split still needs three figures; with it, a class the test file
  // lacks entirely is refused.
  CHECK_THROWS_WITH_AS(load_config("", {"data.split=[0.8, 0.2]"}),
                       doctest::Contains("three positive numbers"), sdk::InputError);
  auto all_normal = config;
  all_normal.data.normal_classes = {0, 1, 2};
  CHECK_THROWS_WITH_AS(prepare_data(all_normal.data, loaded->registry, 7, host_logger()),
                       doctest::Contains("some but not all"), sdk::InputError);
}

TEST_CASE("ood with [data.test] and [data.test_outliers]: every sample of both test sources") {
  auto dir = test::temp_dir("standard-ood");
  write_labelled_csv(dir / "in.csv", {40});
  write_labelled_csv(dir / "out.csv", {20});
  write_labelled_csv(dir / "test-in.csv", {9});
  write_labelled_csv(dir / "test-out.csv", {6});
  auto loaded = test::load({test::builtin_plugins()});
  auto csv = [&](const std::string& section, const std::string& file) {
    return std::vector<std::string>{section + ".loader=csv",
                                    section + ".path=" + (dir / file).string(),
                                    section + ".label_column=\"\""};
  };
  std::vector<std::string> overrides{"data.protocol=ood", "data.split=[0.75, 0.25]",
                                     "data.contamination=0.1", "data.standardize=false"};
  for (const auto& [section, file] :
       std::vector<std::pair<std::string, std::string>>{{"data.source", "in.csv"},
                                                        {"data.outliers", "out.csv"},
                                                        {"data.test", "test-in.csv"},
                                                        {"data.test_outliers", "test-out.csv"}})
    for (auto& o : csv(section, file)) overrides.push_back(o);
  auto splits = prepare_data(load_config("", overrides).data, loaded->registry, 3, host_logger());
  CHECK(splits.train.size(0) == 30);
  CHECK(splits.validation.is_outlier.size() == 10 + 1);
  REQUIRE(splits.test.is_outlier.size() == 15);
  CHECK(splits.test.outliers() == 6);
  for (std::int64_t i = 0; i < 15; ++i)  // the 9 inliers, then the 6 outliers, each in file order
    CHECK(splits.test.samples[i][0].item<double>() == doctest::Approx(i < 9 ? i : i - 9));

  overrides.resize(overrides.size() - 3);  // drop [data.test_outliers]
  CHECK_THROWS_WITH_AS(
      prepare_data(load_config("", overrides).data, loaded->registry, 3, host_logger()),
      doctest::Contains("[data.test] and [data.test_outliers] together"), sdk::InputError);
}

TEST_CASE("standardize_features: per feature of a table, per channel of a series") {
  DataSplits table;
  table.train = torch::tensor({{1.0, 10.0}, {3.0, 10.0}});
  table.validation.samples = torch::tensor({{5.0, 12.0}});
  table.test.samples = torch::tensor({{2.0, 10.0}});
  standardize_features(table);
  CHECK(table.validation.samples[0][0].item<double>() == doctest::Approx(3.0));  // (5 - 2) / 1
  CHECK(table.validation.samples[0][1].item<double>() == doctest::Approx(2.0));  // std 0 -> 1
  CHECK(table.test.samples[0][0].item<double>() == doctest::Approx(0.0));

  // Two windows of one series, channels 0 and 1: channel 0 holds 0, 2, 4, 6 (mean 3, population
  // std sqrt(5)), channel 1 holds 1, 1, 1, 1 (std 0, kept as 1).
  DataSplits series;
  series.train = torch::tensor({0.0, 2.0, 1.0, 1.0, 4.0, 6.0, 1.0, 1.0}).view({2, 2, 2});
  series.validation.samples = torch::tensor({3.0, 8.0, 2.0, 1.0}).view({1, 2, 2});
  series.test.samples = series.validation.samples.clone();
  standardize_features(series);
  CHECK(series.feature_mean.sizes() == torch::IntArrayRef{1, 2, 1});
  CHECK(series.validation.samples[0][0][0].item<double>() == doctest::Approx(0.0));
  CHECK(series.validation.samples[0][0][1].item<double>() == doctest::Approx(5.0 / std::sqrt(5.0)));
  CHECK(series.validation.samples[0][1][0].item<double>() == doctest::Approx(1.0));
  CHECK(series.train.mean().item<double>() == doctest::Approx(0.0).epsilon(1e-6));
}

TEST_CASE("new data brings only what is given: old files emptied, limit reset, format kept") {
  sdk::DatasetChoice idx;
  idx.name = "idx";
  idx.params = {{"images", std::string("d/train-images.gz"), "images"},
                {"labels", std::string("d/train-labels.gz"), "labels"},
                {"limit", std::int64_t{0}, "at most", 0, 1e9},
                {"class_names", std::vector<std::string>{}, "names"}};
  CHECK(input_option(idx) == "images");
  sdk::DatasetChoice noise;
  noise.params = {{"count", std::int64_t{10}, "how many"}};
  CHECK(input_option(noise).empty());

  // The source a model was searched with, then --input t10k: its labels and limit stay behind.
  sdk::Params old;
  old.set("images", std::string("t10k-images.gz"));
  old.set("labels", std::string("d/train-labels.gz"));
  old.set("limit", std::int64_t{3000});
  old.set("class_names", std::vector<std::string>{"a", "b"});
  test::RecordingLogger log;
  auto params = old;
  leave_out_old_source(params, idx, {}, "--loader-option ", log);
  CHECK(params.get_string("images") == "t10k-images.gz");
  CHECK(params.get_string("labels").empty());
  CHECK(params.get_int("limit") == 0);
  CHECK(params.get_strings("class_names") == std::vector<std::string>{"a", "b"});
  REQUIRE(log.lines.size() == 2);
  CHECK(test::contains(log.lines[0], "labels = d/train-labels.gz (give --loader-option labels="));
  CHECK(test::contains(log.lines[1], "limit = 3000"));

  // What is given for the new data stays, and a bare name is not taken for a file.
  params = old;
  params.set("labels", std::string("t10k-labels.gz"));
  leave_out_old_source(params, idx, {"labels=\"t10k-labels.gz\"", "limit=3000"}, "", log);
  CHECK(params.get_string("labels") == "t10k-labels.gz");
  CHECK(params.get_int("limit") == 3000);
  // A name is a file by its form: a folder part, or an extension of letters (not a column y.1).
  for (const auto& [name, file] : std::vector<std::pair<std::string, bool>>{{"label", false},
                                                                            {"y.1", false},
                                                                            {"time.s", false},
                                                                            {"labels.gz", true},
                                                                            {"x.npy", true},
                                                                            {"d/labels", true}}) {
    params = old;
    params.set("labels", name);
    leave_out_old_source(params, idx, {}, "", log);
    CHECK_MESSAGE(params.get_string("labels").empty() == file, name);
  }
}
