#include "ScoreFidelity.hpp"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "log/Logging.hpp"
#include "metrics/Metrics.hpp"
#include "model/ChildScoring.hpp"
#include "model/ModelBundle.hpp"
#include "model/ModelScoring.hpp"

namespace autood::test {

std::vector<StoredScore> read_stored_scores(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  std::string line;
  if (!std::getline(in, line) || line != "set,row,source_index,is_outlier,score")
    throw std::runtime_error(csv.string() + ": not a bundle's scores.csv");
  std::vector<StoredScore> rows;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    StoredScore s;
    std::string row, index, outlier, score;
    std::getline(fields, s.set, ',');
    std::getline(fields, row, ',');
    std::getline(fields, index, ',');
    std::getline(fields, outlier, ',');
    std::getline(fields, score, ',');
    s.source_index = std::stoll(index);
    s.is_outlier = std::stoi(outlier);
    s.score = std::stod(score);
    rows.push_back(s);
  }
  return rows;
}

ScoreFidelity rescore_bundle(const std::filesystem::path& model_dir, const Registry& registry) {
  auto model = read_model_bundle(model_dir, registry, host_logger());
  auto rescored = score_with_model(model, registry, {}, host_logger());
  ScoreFidelity fidelity;
  fidelity.stored_test_auroc = model.facts.test.auroc;
  std::vector<double> test_scores;
  std::vector<int> test_outliers;
  for (const auto& s : read_stored_scores(model_dir / "scores.csv")) {
    if (s.source_index < 0) continue;
    ++fidelity.stored;
    if (s.source_index >= static_cast<std::int64_t>(rescored.scores.size())) continue;
    const double score = rescored.scores[s.source_index];
    const double difference = std::abs(score - s.score) / std::max(1.0, std::abs(s.score));
    fidelity.largest_relative =
        std::isnan(difference) ? HUGE_VAL : std::max(fidelity.largest_relative, difference);
    ++fidelity.compared;
    if (s.set == "test") {
      test_scores.push_back(score);
      test_outliers.push_back(s.is_outlier);
    }
  }
  fidelity.rescored_test_auroc = detection_metrics(test_scores, test_outliers).auroc;
  auto reversed = to_doubles(model_scores(model, rescored.samples.flip(0)));
  std::reverse(reversed.begin(), reversed.end());
  fidelity.order_free = reversed == rescored.scores;
  return fidelity;
}

ScoreFidelity check_scores_as_stored(const std::filesystem::path& model_dir,
                                     const Registry& registry) {
  INFO("bundle ", model_dir.string());
  auto fidelity = rescore_bundle(model_dir, registry);
  CHECK(fidelity.stored > 0);
  CHECK(fidelity.compared == fidelity.stored);
  CHECK(fidelity.largest_relative <= kRoundTripTolerance);
  CHECK(fidelity.rescored_test_auroc == doctest::Approx(fidelity.stored_test_auroc).epsilon(1e-9));
  CHECK(fidelity.order_free);
  return fidelity;
}

}  // namespace autood::test
