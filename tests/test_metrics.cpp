#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "metrics/Metrics.hpp"

using namespace autood;

TEST_CASE("AUROC and average precision by hand") {
  // Outliers score 0.35 and 0.8, inliers 0.1 and 0.4: 3 of the 4 outlier-inlier pairs are ordered.
  std::vector<double> scores{0.1, 0.4, 0.35, 0.8};
  std::vector<int> outlier{0, 0, 1, 1};
  CHECK(auroc(scores, outlier) == doctest::Approx(0.75));
  // Ranked 0.8 (hit), 0.4 (miss), 0.35 (hit): AP = 1/2 * 1 + 1/2 * 2/3.
  CHECK(average_precision(scores, outlier) == doctest::Approx(0.5 + 1.0 / 3.0));
}

TEST_CASE("metrics agree with scikit-learn on the committed fixture") {
  std::ifstream in(test::source_fixtures() / "metrics_sklearn.json");
  REQUIRE(in);
  auto cases = nlohmann::json::parse(in);
  REQUIRE(cases.size() >= 4);
  for (const auto& c : cases) {
    CAPTURE(c["name"].get<std::string>());
    auto scores = c["scores"].get<std::vector<double>>();
    auto outlier = c["is_outlier"].get<std::vector<int>>();
    auto metrics = detection_metrics(scores, outlier);
    CHECK(metrics.auroc == doctest::Approx(c["auroc"].get<double>()).epsilon(1e-12));
    CHECK(metrics.aupr_out == doctest::Approx(c["aupr_out"].get<double>()).epsilon(1e-12));
    CHECK(metrics.aupr_in == doctest::Approx(c["aupr_in"].get<double>()).epsilon(1e-12));
  }
}

TEST_CASE("metrics refuse a single class and non-finite scores") {
  CHECK_THROWS_AS(auroc({0.1, 0.2}, {0, 0}), sdk::InputError);
  CHECK_THROWS_AS(detection_metrics({0.1, std::nan("")}, {0, 1}), sdk::InputError);
}
