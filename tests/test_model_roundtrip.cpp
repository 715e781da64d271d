// A saved model scores as the search that saved it did, for every hypothesis and every distance,
// on images (conv) and on a table (dense): each case narrows the space to one hypothesis and one
// distance, so what is checked never depends on which child happens to win on the machine. `autood
// score` sees the whole data source in other batches, beside other samples, and in reverse order;
// the scores must not move.
#include <doctest/doctest.h>

#include <string>

#include "ScoreFidelity.hpp"
#include "TestSupport.hpp"
#include "compute/Device.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "session/SearchSession.hpp"

using namespace autood;

namespace {

// The skeleton's plugins (conv on Fashion-MNIST) with `hypothesis` and `distance` in place of
// reconstruction and l2.
std::vector<std::filesystem::path> images_narrowed_to(const std::string& hypothesis,
                                                      const std::string& distance) {
  auto dir = test::builtin_plugins();
  std::vector<std::filesystem::path> paths;
  for (const auto& path : test::skeleton_plugins())
    if (path.parent_path().filename() != "hypotheses" &&
        path.parent_path().filename() != "distances")
      paths.push_back(path);
  paths.push_back(dir / "hypotheses" / (hypothesis + ".so"));
  paths.push_back(dir / "distances" / (distance + ".so"));
  return paths;
}

// The dense op on a table (the satellite testbed through the csv loader).
std::vector<std::filesystem::path> tables_narrowed_to(const std::string& hypothesis,
                                                      const std::string& distance) {
  auto dir = test::builtin_plugins();
  return {dir / "layers/dense.so",
          dir / "layers/relu.so",
          dir / "layers/no_norm.so",
          dir / "hypotheses" / (hypothesis + ".so"),
          dir / "distances" / (distance + ".so"),
          dir / "controllers/random.so",
          dir / "datasets/csv.so"};
}

// Searches two one-epoch children with one thread, as the README's end-to-end test does, then
// rescores the best model's whole source.
void check_round_trip(const std::string& what, const std::vector<std::filesystem::path>& plugins,
                      const std::string& config_file, std::vector<std::string> overrides) {
  INFO(what);
  configure_threads(1);
  auto loaded = test::load(plugins);
  for (const char* o : {"search.budget=2", "search.batch=2", "search.layers=2", "search.seed=3",
                        "train.epochs=1", "controller.name=random"})
    overrides.push_back(o);
  auto config = load_config(config_file, overrides);
  auto dir = test::temp_dir("roundtrip") / "run";
  SearchSession session(config, loaded->registry, dir, SearchSession::Mode::Start, host_logger());
  session.run(/*progress=*/false);
  REQUIRE(std::filesystem::exists(dir / "best" / "scores.csv"));
  auto fidelity = test::check_scores_as_stored(dir / "best", loaded->registry);
  CHECK(fidelity.compared > 100);
  MESSAGE(what, ": ", fidelity.compared, " scores, largest relative difference ",
          fidelity.largest_relative);
}

void check_every_distance(const std::string& hypothesis) {
  for (const char* distance : {"l1", "l2", "l2_1", "ssim"})
    check_round_trip(hypothesis + "/" + distance + " on images",
                     images_narrowed_to(hypothesis, distance), "",
                     {"train.subset=100", "data.limit=300", "data.source.limit=3000"});
  const auto root = test::source_fixtures().parent_path().parent_path();
  for (const char* distance : {"l1", "l2", "l2_1"})  // ssim compares images only
    check_round_trip(hypothesis + "/" + distance + " on a table",
                     tables_narrowed_to(hypothesis, distance),
                     (root / "configs/testbed-satellite.toml").string(),
                     {"data.source.path=" + (root / "configs/data/satellite.csv").string()});
}

}  // namespace

TEST_CASE("model round trip: a saved centroid model scores as the search did, for every distance") {
  check_every_distance("centroid");
}

TEST_CASE("model round trip: a saved cluster model scores as the search did, for every distance") {
  check_every_distance("cluster");
}

TEST_CASE("model round trip: a saved density model scores as the search did, for every distance") {
  check_every_distance("density");
}

TEST_CASE(
    "model round trip: a saved reconstruction model scores as the search did, for every "
    "distance") {
  check_every_distance("reconstruction");
}

TEST_CASE(
    "model round trip: the label-using hypotheses, trained on labelled outliers, score as the "
    "search did") {
  const auto root = test::source_fixtures().parent_path().parent_path();
  for (const std::string hypothesis : {"deep_sad", "supervised"}) {
    // No train.subset: every labelled outlier is trained on, so the head is never left unused.
    check_round_trip(hypothesis + "/l2 on images", images_narrowed_to(hypothesis, "l2"), "",
                     {"data.limit=300", "data.source.limit=3000", "data.train_outliers=0.5"});
    check_round_trip(hypothesis + "/l2 on a table", tables_narrowed_to(hypothesis, "l2"),
                     (root / "configs/testbed-satellite.toml").string(),
                     {"data.source.path=" + (root / "configs/data/satellite.csv").string(),
                      "data.train_outliers=0.5"});
  }
}
