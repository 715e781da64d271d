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
  std::size_t stored = 0;    // rows of scores.csv with a source index
  std::size_t compared = 0;  // of them, found again in the rescored source
  // max |rescored - stored| / max(1, |stored|): relative above 1, absolute below; infinite if a
  // rescored score is not a number
  double largest_relative = 0;
  double stored_test_auroc = 0;    // model.toml's test AUROC
  double rescored_test_auroc = 0;  // the AUROC of the rescored test samples
  bool order_free = true;  // the source scored in reverse order gives every sample its score
};

// Reads the bundle in `model_dir` with `registry`'s plugins and measures the above.
ScoreFidelity rescore_bundle(const std::filesystem::path& model_dir, const Registry& registry);

// The largest difference the round-trip tests allow. Every case measured is equal to the bit;
// this leaves room only for double-precision rounding that still depends on a sample's place in
// its batch (density's projection and triangular solve, 1e-16 before the mixture magnifies it).
// Float32's rounding, 6e-8, is far above it.
constexpr double kRoundTripTolerance = 1e-12;

// Rescores the bundle and checks (doctest) that every stored score comes back within the
// tolerance, that the test AUROC does to 1e-9, and that the order of the samples does not matter.
ScoreFidelity check_scores_as_stored(const std::filesystem::path& model_dir,
                                     const Registry& registry);

}  // namespace autood::test
