// Labelled outliers in training (issue 24): the one-class split that puts a share of the search's
// labelled outliers into training, the class keys for anomaly types the search never sees, and
// the trainer that keeps labelled outliers out of every term but a label-using hypothesis's.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <map>
#include <set>
#include <sstream>

#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/hypothesis.hpp"
#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "data/OneClassProtocol.hpp"
#include "data/Protocols.hpp"
#include "log/Logging.hpp"
#include "model/Child.hpp"
#include "model/ChildModel.hpp"
#include "train/ChildTrainer.hpp"

using namespace autood;

namespace {

// Five classes of 100 samples; a sample's one feature is its row, so a split's rows are known.
sdk::Dataset five_classes() {
  sdk::Dataset data;
  data.samples = torch::arange(500, torch::kFloat).unsqueeze(1);
  data.labels = torch::arange(500, torch::kLong) / 100;
  data.class_names = {"a", "b", "c", "d", "e"};
  data.description = "five classes";
  return data;
}

std::int64_t class_of(const at::Tensor& row) { return row.item<std::int64_t>() / 100; }

// The classes of a set's rows whose flag is `outlier`.
std::multiset<std::int64_t> classes(const at::Tensor& samples, const std::vector<int>& is_outlier,
                                    int outlier) {
  std::multiset<std::int64_t> found;
  for (std::size_t i = 0; i < is_outlier.size(); ++i)
    if (is_outlier[i] == outlier) found.insert(class_of(samples[static_cast<std::int64_t>(i)][0]));
  return found;
}

DataConfig split_config(double train_outliers) {
  DataConfig config;
  config.normal_classes = {0};
  config.split = {0.6, 0.2, 0.2};
  config.contamination = 0.2;
  config.train_outliers = train_outliers;
  return config;
}

}  // namespace

TEST_CASE(
    "labelled outliers: a share goes to training, of the classes named, apart from the rest") {
  const auto data = five_classes();
  auto config = split_config(0.4);
  config.outlier_classes = {1, 2};
  config.test_outlier_classes = {3, 4};
  auto splits = one_class_splits(data, config, 7);

  // 100 normal: train 60, validation 20, test 20. Validation's contamination 0.2 gives
  // 20 * 0.2 / 0.8 = 5 labelled outliers; 0.4 of them, 2, go to training and 3 stay.
  REQUIRE(splits.train.size(0) == 62);
  REQUIRE(splits.train_labels.defined());
  CHECK(splits.train_labels.sum().item<double>() == 2.0);
  std::multiset<std::int64_t> train_normal, train_outlier;
  std::set<std::int64_t> train_outlier_rows;
  for (std::int64_t i = 0; i < 62; ++i) {
    const auto row = splits.train[i][0];
    if (splits.train_labels[i].item<double>() == 1.0) {
      train_outlier.insert(class_of(row));
      train_outlier_rows.insert(row.item<std::int64_t>());
    } else {
      train_normal.insert(class_of(row));
    }
  }
  CHECK(train_normal.count(0) == 60);
  for (auto c : train_outlier) CHECK((c == 1 || c == 2));

  // Validation: 20 normal and the other 3 labelled outliers, none of them trained on.
  const auto& validation = splits.validation;
  CHECK(validation.is_outlier.size() == 23);
  CHECK(validation.outliers() == 3);
  for (auto c : classes(validation.samples, validation.is_outlier, 1)) CHECK((c == 1 || c == 2));
  for (std::size_t i = 0; i < validation.is_outlier.size(); ++i)
    if (validation.is_outlier[i]) CHECK(train_outlier_rows.count(validation.source_index[i]) == 0);

  // Test: 20 normal and 5 outliers, of the classes the search never saw.
  CHECK(splits.test.is_outlier.size() == 25);
  CHECK(splits.test.outliers() == 5);
  for (auto c : classes(splits.test.samples, splits.test.is_outlier, 1)) CHECK((c == 3 || c == 4));
  CHECK(classes(splits.test.samples, splits.test.is_outlier, 0).count(0) == 20);

  // The description says which classes were seen, for the run log and summary.json.
  CHECK(splits.description.find("train 60+2 labelled outliers") != std::string::npos);
  CHECK(splits.description.find("labelled outliers of b, c, test outliers of d, e") !=
        std::string::npos);
}

TEST_CASE("splits.csv names each sample's source row and label, training's outliers too") {
  const auto data = five_classes();
  auto config = split_config(0.4);
  auto splits = one_class_splits(data, config, 7);
  std::istringstream csv(splits_csv(splits));
  std::string line;
  std::getline(csv, line);
  CHECK(line == "split,row,source_index,is_outlier");
  std::map<std::string, std::int64_t> rows, outliers;
  while (std::getline(csv, line)) {
    std::istringstream fields(line);
    std::string split, row, source, outlier;
    std::getline(fields, split, ',');
    std::getline(fields, row, ',');
    std::getline(fields, source, ',');
    std::getline(fields, outlier, ',');
    const auto i = std::stoll(row);
    CHECK(i == rows[split]++);
    const auto& samples = split == "train"        ? splits.train
                          : split == "validation" ? splits.validation.samples
                                                  : splits.test.samples;
    // A sample's one feature is its row in the source, and its class says whether it is normal.
    CHECK(std::stoll(source) == samples[i][0].item<std::int64_t>());
    CHECK((std::stoll(source) >= 100) == (outlier == "1"));
    outliers[split] += outlier == "1";
  }
  CHECK(rows ==
        std::map<std::string, std::int64_t>{{"train", 62}, {"validation", 23}, {"test", 25}});
  CHECK(outliers ==
        std::map<std::string, std::int64_t>{{"train", 2}, {"validation", 3}, {"test", 5}});

  // Splits made by hand, without source rows: every training row is listed, its source -1.
  DataSplits by_hand;
  by_hand.train = torch::zeros({2, 1});
  std::istringstream unknown(splits_csv(by_hand));
  std::getline(unknown, line);
  for (const char* expected : {"train,0,-1,0", "train,1,-1,0"}) {
    REQUIRE(std::getline(unknown, line));
    CHECK(line == expected);
  }
  CHECK_FALSE(std::getline(unknown, line));
}

TEST_CASE("labelled outliers: by default none in training, every other class in both sets") {
  const auto data = five_classes();
  auto splits = one_class_splits(data, split_config(0.0), 7);
  CHECK_FALSE(splits.train_labels.defined());
  CHECK(splits.train.size(0) == 60);
  CHECK(classes(splits.train, std::vector<int>(60, 0), 0).count(0) == 60);
  CHECK(splits.validation.outliers() == 5);
  CHECK(splits.test.outliers() == 5);
  // 10 outliers of 400 from classes 1-4: the seed draws from all of them, not from one class.
  std::set<std::int64_t> drawn;
  for (auto set : {&splits.validation, &splits.test})
    for (auto c : classes(set->samples, set->is_outlier, 1)) drawn.insert(c);
  CHECK(drawn.size() >= 2);
}

TEST_CASE("labelled outliers: the test set draws first when its classes are few") {
  // The test needs 98 outliers of class 4, which has 100; drawn after the search's 98 of any
  // class, about a quarter of class 4 would be gone.
  const auto data = five_classes();
  auto config = split_config(0.0);
  config.contamination = 0.83;  // 20 validation normals: 20 * 0.83 / 0.17 = 98 outliers
  config.test_outlier_classes = {4};
  auto splits = one_class_splits(data, config, 7);
  CHECK(splits.validation.outliers() == 98);
  CHECK(splits.test.outliers() == 98);
  for (auto c : classes(splits.test.samples, splits.test.is_outlier, 1)) CHECK(c == 4);
  std::set<std::int64_t> rows(splits.validation.source_index.begin(),
                              splits.validation.source_index.end());
  for (auto row : splits.test.source_index) CHECK(rows.count(row) == 0);
}

TEST_CASE("labelled outliers: a whole test source keeps only the test outlier classes") {
  const auto data = five_classes();
  auto test = five_classes();
  test.description = "the test file";
  auto config = split_config(0.0);
  config.split = {0.8, 0.2};
  config.test_outlier_classes = {4};
  auto splits = one_class_splits(data, config, 1, &test);
  CHECK(splits.test.is_outlier.size() == 200);
  CHECK(splits.test.outliers() == 100);
  for (std::size_t i = 0; i < 200; ++i) {
    const auto row = splits.test.source_index[i];
    CHECK(splits.test.samples[static_cast<std::int64_t>(i)][0].item<std::int64_t>() == row);
    CHECK((row / 100 == 0 || row / 100 == 4));
  }
}

TEST_CASE("labelled outliers: bad values name the key and what is wrong") {
  const auto data = five_classes();
  auto too_many = split_config(0.95);  // 5 labelled: 5 to training, none left to validate
  CHECK_THROWS_WITH_AS(one_class_splits(data, too_many, 7),
                       doctest::Contains("leaves validation none of the 5 labelled outliers"),
                       sdk::InputError);
  auto absent = split_config(0.0);
  absent.outlier_classes = {9};
  CHECK_THROWS_WITH_AS(one_class_splits(data, absent, 7),
                       doctest::Contains("data.outlier_classes: class 9 has no sample in five "
                                         "classes, which has classes 0 to 4"),
                       sdk::InputError);
  auto few = split_config(0.0);
  few.contamination = 0.9;  // 180 labelled outliers asked of one class of 100
  few.outlier_classes = {1};
  CHECK_THROWS_WITH_AS(one_class_splits(data, few, 7),
                       doctest::Contains("the search needs 180 of data.outlier_classes and the "
                                         "test set 180, and five classes gave 100"),
                       sdk::InputError);
  auto none = split_config(0.05);  // 0.05 of 5 rounds to no outlier in training
  CHECK_THROWS_WITH_AS(one_class_splits(data, none, 7),
                       doctest::Contains("of the 5 labelled outliers rounds to none"),
                       sdk::InputError);

  CHECK_THROWS_WITH_AS(
      load_config("", {"data.train_outliers=1.0"}),
      doctest::Contains("'data.train_outliers' must be at least 0 and below 1, got 1"),
      sdk::InputError);
  CHECK_THROWS_WITH_AS(load_config("", {"data.normal_classes=[2]", "data.outlier_classes=[1, 2]"}),
                       doctest::Contains("'data.outlier_classes' names class 2, which "
                                         "data.normal_classes makes normal"),
                       sdk::InputError);
  auto loaded = test::load({test::builtin_plugins()});
  auto ood = load_config(
      "", {"data.protocol=ood", "data.outliers.loader=noise", "data.train_outliers=0.5"});
  CHECK_THROWS_WITH_AS(prepare_data(ood.data, loaded->registry, 0, host_logger()),
                       doctest::Contains("data.train_outliers belongs to data.protocol "
                                         "'one_class' only"),
                       sdk::InputError);
}

namespace {

// A hypothesis that adds nothing and records what the trainer shows it.
class Recorder : public sdk::Hypothesis {
 public:
  void initialize(const sdk::Encoded& training) override { initialized = training.z.size(0); }
  at::Tensor training_term(const sdk::Encoded& batch) override {
    rows.push_back(batch.z.size(0));
    labelled.push_back(batch.label.defined() ? batch.label.sum().item<double>() : -1.0);
    return batch.z.sum() * 0;
  }
  at::Tensor score_term(const sdk::Encoded& samples) override {
    return torch::zeros({samples.z.size(0)});
  }
  std::int64_t initialized = 0;
  std::vector<std::int64_t> rows;
  std::vector<double> labelled;
};

struct LossLog : TrainObserver {
  void after_step(std::int64_t, double loss) override { losses.push_back(loss); }
  std::vector<double> losses;
};

}  // namespace

TEST_CASE("training with labelled outliers: they count in no term but a label-using hypothesis's") {
  auto loaded = test::load({test::builtin_plugins()});
  ModelSpec spec;
  spec.hypothesis = "centroid";
  spec.distance = "l2";
  spec.layers = {{{"dense", {{"width", 4}}}, {}, {"no_norm", {}}, {"tanh", {}}}};
  torch::manual_seed(5);
  // 48 normal rows and 16 labelled outliers far from them, so that their distances differ.
  auto samples = torch::cat({torch::randn({48, 6}), 20 + torch::randn({16, 6})});
  auto label = torch::cat({torch::zeros({48}), torch::ones({16})});
  TrainConfig train;
  train.epochs = 1;
  train.batch_size = 64;  // one batch holds them all
  train.lr = 1e-12;       // the step barely moves the weights: the loss is the untrained model's

  for (bool uses_labels : {false, true}) {
    CAPTURE(uses_labels);
    torch::manual_seed(0);
    Child child = make_child(spec, loaded->registry, sdk::Shape{{6}}, {}, host_logger());
    auto recorder = std::make_shared<Recorder>();
    child.hypothesis = recorder;
    child.hypothesis_uses_labels = uses_labels;
    LossLog log;
    train_child(child, TrainingSet(samples, label), train, 0, c10::Device(c10::kCPU), &log);

    CHECK(recorder->initialized == 48);  // the centre is placed on normal samples only
    REQUIRE(recorder->rows.size() == 1);
    CHECK(recorder->rows[0] == (uses_labels ? 64 : 48));
    CHECK(recorder->labelled[0] == (uses_labels ? 16.0 : -1.0));

    // The distance term is the mean over the normal rows, worked out from the model's output.
    torch::NoGradGuard no_grad;
    auto output = child.model->forward(samples);
    auto dist = child.distance->per_sample(output.reconstruction, samples);
    const double normal_mean = dist.slice(0, 0, 48).mean().item<double>();
    REQUIRE(log.losses.size() == 1);
    CHECK(log.losses[0] == doctest::Approx(normal_mean).epsilon(1e-4));
    CHECK(log.losses[0] != doctest::Approx(dist.mean().item<double>()).epsilon(1e-2));
  }
}
