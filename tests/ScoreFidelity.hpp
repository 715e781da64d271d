#pragma once
// Does a saved model score as the search that saved it did? Reads the scores the search stored
// in a bundle's scores.csv, scores the model's whole data source again the way `autood score`
// does (other batches, other neighbours), and compares them sample by sample.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "plugin/Registry.hpp"

namespace autood::test {

// One row of a bundle's scores.csv.
struct StoredScore {
  std::string set;  // "validation" or "test"
  std::int64_t source_index = -1;
  int is_outlier = 0;
  double score = 0.0;
};

std::vector<StoredScore> read_stored_scores(const std::filesystem::path& csv);

struct ScoreFidelity {
  std::size_t compared = 0;        // stored scores found again in the rescored source
  double largest_relative = 0;     // max |rescored - stored| / max(1, |stored|)
  double stored_test_auroc = 0;    // model.toml's test AUROC
  double rescored_test_auroc = 0;  // the AUROC of the rescored test samples
  bool order_free = true;  // the source scored in reverse order gives every sample its score
};

// Reads the bundle in `model_dir` with `registry`'s plugins and measures the above.
ScoreFidelity rescore_bundle(const std::filesystem::path& model_dir, const Registry& registry);

}  // namespace autood::test
