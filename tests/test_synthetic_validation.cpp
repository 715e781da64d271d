// A search that reads no labelled outlier (issue 25): the one-class split whose validation
// outliers, and data.train_outliers' share, are made by anomaly generators from normal samples,
// and the segmentation split whose validation defects and masks are made the same way.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "autood/sdk/generator.hpp"
#include "config/Config.hpp"
#include "data/OneClassProtocol.hpp"
#include "data/Protocols.hpp"
#include "data/SegmentationProtocol.hpp"
#include "data/SyntheticOutliers.hpp"
#include "log/Logging.hpp"
#include "metrics/Metrics.hpp"
#include "plugin/Registry.hpp"

using namespace autood;

namespace {

// Five classes of 100 images of 2x2 pixels; the top-left pixel is (row + 1) / 1000 and the others
// are 0, so that any image, and what contrast makes of it, names its row.
sdk::Dataset five_classes() {
  sdk::Dataset data;
  data.samples = torch::zeros({500, 1, 2, 2});
  data.samples.select(2, 0).select(2, 0).select(1, 0).copy_((torch::arange(500) + 1) / 1000.0);
  data.labels = torch::arange(500, torch::kLong) / 100;
  data.class_names = {"a", "b", "c", "d", "e"};
  data.description = "five classes";
  return data;
}

// The first 100 rows of five_classes(): class a's normal samples and nothing else.
sdk::Dataset class_a_alone(const sdk::Dataset& classes) {
  sdk::Dataset normal_only;
  normal_only.samples = classes.samples.slice(0, 0, 100);
  normal_only.labels = classes.labels.slice(0, 0, 100);
  normal_only.description = "class a alone";
  return normal_only;
}

std::int64_t row_of(const at::Tensor& image) {
  return std::llround(image[0][0][0].item<double>() * 1000) - 1;
}

// contrast 0.5 of [a, 0, 0, 0] (mean a / 4): [5a / 8, a / 8, a / 8, a / 8]; the row is 8 times
// the second pixel.
std::int64_t made_from(const at::Tensor& image) {
  return std::llround(image[0][0][1].item<double>() * 8 * 1000) - 1;
}

DataConfig synthetic_config(double train_outliers = 0) {
  DataConfig config;
  config.normal_classes = {0};
  config.split = {0.6, 0.2, 0.2};
  config.contamination = 0.2;
  config.train_outliers = train_outliers;
  config.validation = "synthetic";
  config.generators = {"contrast"};
  return config;
}

}  // namespace

TEST_CASE("synthetic validation: its outliers are made from its own normal samples, none read") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto data = five_classes();
  const auto config = synthetic_config();
  SyntheticOutliers generators(config, loaded->registry, 4, host_logger());
  auto splits = one_class_splits(data, config, 7, nullptr, &generators);

  // 100 normal: train 60, validation 20 + 20 * 0.2 / 0.8 = 5 made, test 20 + 5 real outliers.
  const auto& validation = splits.validation;
  REQUIRE(validation.is_outlier.size() == 25);
  std::set<std::int64_t> validation_rows;
  for (std::size_t i = 0; i < 20; ++i) {
    CHECK(validation.is_outlier[i] == 0);
    validation_rows.insert(row_of(validation.samples[static_cast<std::int64_t>(i)]));
  }
  for (std::int64_t i = 20; i < 25; ++i) {
    CAPTURE(i);
    CHECK(validation.is_outlier[static_cast<std::size_t>(i)] == 1);
    CHECK(validation.source_index[static_cast<std::size_t>(i)] == -1);
    // Made by contrast from a normal sample of validation itself, never from another class.
    const auto from = made_from(validation.samples[i]);
    CHECK(validation_rows.count(from) == 1);
    CHECK(validation.samples[i][0][0][0].item<double>() ==
          doctest::Approx(5.0 / 8 * (from + 1) / 1000).epsilon(1e-5));
  }
  CHECK_FALSE(splits.train_labels.defined());
  CHECK(splits.train.size(0) == 60);
  CHECK(splits.test.outliers() == 5);
  CHECK(test::contains(splits.description, "validation 20+5 made by contrast"));
  CHECK(test::contains(splits.description, "labelled outliers: none"));
  // The same seed makes the same split, another seed other outliers.
  auto again = one_class_splits(data, config, 7, nullptr, &generators);
  CHECK(torch::equal(again.validation.samples, validation.samples));
  auto other = one_class_splits(data, config, 8, nullptr, &generators);
  CHECK_FALSE(torch::equal(other.validation.samples.slice(0, 20), validation.samples.slice(0, 20)));
}

TEST_CASE("synthetic validation: tables, a single made outlier resampled from all of validation") {
  auto loaded = test::load({test::builtin_plugins()});
  // Two features that sum to 1000: (row, 1000 - row).
  sdk::Dataset data;
  const auto row = torch::arange(500, torch::kFloat);
  data.samples = torch::stack({row, 1000 - row}, 1);
  data.labels = torch::arange(500, torch::kLong) / 100;
  data.description = "a table";
  auto config = synthetic_config();
  config.generators = {"marginal"};
  config.contamination = 0.05;  // validation 20 + round(20 * 0.05 / 0.95) = 1
  config.test_outlier_classes = {3};
  SyntheticOutliers generators(config, loaded->registry, 2, host_logger());
  auto splits = one_class_splits(data, config, 7, nullptr, &generators);
  const auto& validation = splits.validation;
  REQUIRE(validation.is_outlier.size() == 21);
  CHECK(validation.is_outlier.back() == 1);
  // Each of its features is one that a normal sample of validation has.
  const auto normal = validation.samples.slice(0, 0, 20);
  const auto made = validation.samples[20];
  for (int j = 0; j < 2; ++j) CHECK(normal.select(1, j).eq(made[j]).any().item<bool>());
  // Made outliers only: the test's classes are said, and no labelled outlier.
  CHECK(test::contains(splits.description, "; test outliers of 3; labelled outliers: none"));
}

TEST_CASE("synthetic validation: data.train_outliers puts made outliers in training, apart") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto data = five_classes();
  const auto config = synthetic_config(0.4);
  SyntheticOutliers generators(config, loaded->registry, 4, host_logger());
  auto splits = one_class_splits(data, config, 7, nullptr, &generators);
  // Of the 5 made outliers, 0.4 (2) are made from training's normal samples, 3 from validation's.
  REQUIRE(splits.train.size(0) == 62);
  REQUIRE(splits.train_labels.defined());
  CHECK(splits.train_labels.sum().item<float>() == 2.0f);
  std::set<std::int64_t> train_rows;
  for (std::int64_t i = 0; i < 62; ++i)
    if (splits.train_labels[i].item<float>() == 0) train_rows.insert(row_of(splits.train[i]));
  CHECK(train_rows.size() == 60);
  for (std::int64_t i = 0; i < 62; ++i)
    if (splits.train_labels[i].item<float>() == 1) {
      CHECK(train_rows.count(made_from(splits.train[i])) == 1);
      CHECK(splits.train_source_index[static_cast<std::size_t>(i)] == -1);
    }
  CHECK(splits.validation.outliers() == 3);
  CHECK(test::contains(splits.description, "train 60+2 made outliers"));
}

TEST_CASE(
    "synthetic validation: normal samples alone are enough, and a test set of them alone is "
    "left unmeasured") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto classes = five_classes();
  const auto normal_only = class_a_alone(classes);
  auto config = synthetic_config();
  config.split = {0.8, 0.2};
  SyntheticOutliers generators(config, loaded->registry, 4, host_logger());
  auto splits = one_class_splits(normal_only, config, 1, &classes, &generators);
  CHECK(splits.validation.outliers() == 5);
  CHECK(splits.test.outliers() == 400);

  // What AutoOD.fit(X) does without labels: X is the source and the test set.
  splits = one_class_splits(normal_only, config, 1, &normal_only, &generators);
  CHECK(splits.test.outliers() == 0);
  CHECK(splits.test.is_outlier.size() == 100);
  CHECK(test::contains(splits.description,
                       "test 100+0 outliers (all of class a alone), so the "
                       "test metrics are unmeasured"));
  const auto unmeasured = test_metrics(std::vector<double>(100, 0.5), splits.test.is_outlier);
  CHECK(std::isnan(unmeasured.auroc));
  CHECK(std::isnan(unmeasured.aupr_in));
  CHECK(test_metrics({0.1, 0.2, 0.9}, {0, 1, 1}).auroc == 1.0);

  // With labelled validation the same source has no outlier to give, and a search ranked on
  // labelled outliers is tested on some.
  config.validation = "labelled";
  config.generators.clear();
  CHECK_THROWS_AS(one_class_splits(normal_only, config, 1, &classes), sdk::InputError);
  CHECK_THROWS_WITH_AS(one_class_splits(classes, config, 1, &normal_only),
                       doctest::Contains("has 100 samples of data.normal_classes and 0 others; it "
                                         "needs both"),
                       sdk::InputError);
}

TEST_CASE("synthetic validation: every loaded generator of the data's rank, unless named") {
  auto loaded = test::load({test::builtin_plugins()});
  auto config = synthetic_config();
  config.generators.clear();
  SyntheticOutliers images(config, loaded->registry, 4, host_logger());
  CHECK(images.names() == "blur, contrast, cutpaste, rotate");
  SyntheticOutliers tables(config, loaded->registry, 2, host_logger());
  CHECK(tables.names() == "marginal");
  // Dealt in turn: four generators, eight images, two each.
  auto normal = torch::rand({8, 1, 6, 6});
  auto made = images.make(normal, 3);
  REQUIRE(made.masks.defined());
  CHECK(made.masks.sum().item<float>() == doctest::Approx(3 * 2 * 36 + 2 * 4).epsilon(1e-6));
}

TEST_CASE("synthetic validation: bad settings name the key and what is valid") {
  auto loaded = test::load({test::builtin_plugins()});
  auto config = synthetic_config();
  config.generators = {"marginal"};
  CHECK_THROWS_WITH_AS(SyntheticOutliers(config, loaded->registry, 4, host_logger()),
                       doctest::Contains("generator 'marginal' does not take samples of rank 4"),
                       sdk::InputError);
  config.generators = {"sparkle"};
  CHECK_THROWS_WITH_AS(SyntheticOutliers(config, loaded->registry, 4, host_logger()),
                       doctest::Contains("unknown generator 'sparkle'; loaded: blur, contrast"),
                       sdk::InputError);
  CHECK_THROWS_WITH_AS(load_config("", {"data.validation=\"guessed\""}),
                       doctest::Contains("'data.validation' must be one of: labelled, synthetic"),
                       sdk::InputError);
  CHECK_THROWS_WITH_AS(load_config("", {"data.generators=[\"blur\"]"}),
                       doctest::Contains("only with data.validation = \"synthetic\""),
                       sdk::InputError);
  CHECK_THROWS_WITH_AS(
      load_config("", {"data.validation=\"synthetic\"", "data.outlier_classes=[3]"}),
      doctest::Contains("'data.outlier_classes' names the classes of labelled outliers"),
      sdk::InputError);
  auto ood = load_config("", {"data.validation=\"synthetic\"", "data.protocol=\"ood\""});
  CHECK_THROWS_WITH_AS(prepare_data(ood.data, loaded->registry, 0, host_logger()),
                       doctest::Contains("'ood' reads its outliers from [data.outliers]"),
                       sdk::InputError);
  // Options for a generator the search does not use, even by default, are refused.
  config.generators.clear();
  config.generator_options["cutpast"] = {{"patch", {0.5, "test"}}};
  CHECK_THROWS_WITH_AS(SyntheticOutliers(config, loaded->registry, 4, host_logger()),
                       doctest::Contains("[data.generator.cutpast] names no generator this search "
                                         "uses: blur, contrast, cutpaste, rotate"),
                       sdk::InputError);
  config.generator_options.clear();
  // A generator's own option, checked against what it declares.
  config.generators = {"blur"};
  config.generator_options["blur"] = {{"sigma", {-1.0, "test"}}};
  CHECK_THROWS_AS(SyntheticOutliers(config, loaded->registry, 4, host_logger()), sdk::InputError);
}

namespace {

// 20 good training images and a test split of 3 good and 3 defective, 8x8 pixels, no two pixels
// of the source alike, so that any pasted patch changes what it covers. A defect's mask is its
// top-left 2x2 corner.
sdk::Dataset segmentation_source() {
  sdk::Dataset data;
  data.samples = torch::arange(26 * 64, torch::kFloat).reshape({26, 1, 8, 8}) / 2000.0;
  data.test_split = torch::zeros({26}, torch::kInt);
  data.test_split.slice(0, 20).fill_(1);
  data.masks = torch::zeros({26, 1, 8, 8});
  data.masks.slice(0, 23).slice(2, 0, 2).slice(3, 0, 2).fill_(1);
  data.description = "tiles";
  return data;
}

}  // namespace

TEST_CASE("synthetic validation: segmentation's defects and masks are made from good images") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto data = segmentation_source();
  DataConfig config;
  config.protocol = "segmentation";
  config.split = {0.6, 0.2, 0.2};
  config.contamination = 0.5;
  config.validation = "synthetic";
  config.generators = {"cutpaste"};  // patch 0.25: a 2x2 square on 8x8
  SyntheticOutliers cutpaste(config, loaded->registry, 4, host_logger());
  const auto splits = segmentation_splits(data, config, 5, &cutpaste);

  // 20 training images cut 0.6 : 0.2, so 15 : 5; 5 * 0.5 / 0.5 = 5 defects made.
  CHECK(splits.train.size(0) == 15);
  const auto& validation = splits.validation;
  REQUIRE(validation.is_outlier.size() == 10);
  std::set<std::int64_t> train_rows(splits.train_source_index.begin(),
                                    splits.train_source_index.end());
  for (std::int64_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    const auto row = validation.source_index[static_cast<std::size_t>(i)];
    CHECK(row < 20);  // a training image, never one of the test split
    CHECK(train_rows.count(row) == 0);
    CHECK(validation.is_outlier[static_cast<std::size_t>(i)] == 0);
    CHECK(validation.masks[i].sum().item<double>() == 0.0);
  }
  for (std::int64_t i = 5; i < 10; ++i) {
    CAPTURE(i);
    CHECK(validation.is_outlier[static_cast<std::size_t>(i)] == 1);
    CHECK(validation.source_index[static_cast<std::size_t>(i)] == -1);
    // Made from good image i - 5: the same outside its mask, a 2x2 square, and changed inside.
    const auto mask = validation.masks[i].gt(0.5);
    CHECK(mask.sum().item<std::int64_t>() == 4);
    const auto good = validation.samples[i - 5], made = validation.samples[i];
    CHECK(torch::equal(made.masked_select(mask.logical_not()),
                       good.masked_select(mask.logical_not())));
    CHECK_FALSE(torch::equal(made.masked_select(mask), good.masked_select(mask)));
  }
  // The test is the whole test split, with its own masks.
  std::vector<std::int64_t> tested = splits.test.source_index;
  std::sort(tested.begin(), tested.end());
  const std::vector<std::int64_t> test_split{20, 21, 22, 23, 24, 25};
  CHECK(tested == test_split);
  CHECK(splits.test.outliers() == 3);
  for (std::size_t i = 0; i < tested.size(); ++i)
    CHECK(torch::equal(splits.test.masks[static_cast<std::int64_t>(i)],
                       data.masks[splits.test.source_index[i]]));
  CHECK(test::contains(splits.description,
                       "validation 10 (5 defective), its defects made by "
                       "cutpaste, test 6 (3 defective)"));
  CHECK(test::contains(splits.description, "labelled outliers: none"));

  // A change with no place (blur) marks every pixel of its defect.
  config.generators = {"blur"};
  SyntheticOutliers blur(config, loaded->registry, 4, host_logger());
  const auto blurred = segmentation_splits(data, config, 5, &blur);
  CHECK(blurred.validation.masks.slice(0, 5).min().item<double>() == 1.0);
  CHECK(blurred.validation.masks.slice(0, 0, 5).max().item<double>() == 0.0);
}

namespace {

// A generator that changes every pixel and marks none: what a defect must not be.
class Unmarked : public sdk::AnomalyGenerator {
 public:
  sdk::Anomalies generate(const at::Tensor& normal, const sdk::Params&, std::uint64_t,
                          sdk::Logger&) override {
    return {normal + 1, torch::zeros({normal.size(0), 1, normal.size(2), normal.size(3)})};
  }
};

}  // namespace

TEST_CASE("synthetic validation: a segmentation defect whose mask marks nothing is refused") {
  Registry registry;
  sdk::GeneratorChoice choice;
  choice.name = "unmarked";
  choice.ranks = {4};
  choice.create = [] { return std::make_shared<Unmarked>(); };
  registry.add(std::move(choice), Provenance{"unmarked", "1.0.0", "test", ""});
  DataConfig config;
  config.protocol = "segmentation";
  config.split = {0.6, 0.2, 0.2};
  config.validation = "synthetic";
  config.generators = {"unmarked"};
  SyntheticOutliers unmarked(config, registry, 4, host_logger());
  CHECK_THROWS_WITH_AS(segmentation_splits(segmentation_source(), config, 5, &unmarked),
                       doctest::Contains("generator of data.generators (unmarked) made a defect "
                                         "whose mask marks no pixel (made row 0)"),
                       sdk::InputError);
}
