#include <doctest/doctest.h>

#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "space/SearchSpace.hpp"

using namespace autood;

TEST_CASE("the size is exact beyond 64 bits: the paper's 4*4*(7*4*2*4*3*8)^6") {
  SpaceSize size;
  size.multiply(4);
  size.multiply(4);
  for (int i = 0; i < 6; ++i) size.multiply(7 * 4 * 2 * 4 * 3 * 8);
  CHECK(size.exact() == "386256270576612871766016");  // Python: 16 * 5376**6
  CHECK(size.scientific() == "3.86e23");
  CHECK(size.log10() == doctest::Approx(23.586875).epsilon(1e-6));
}

TEST_CASE("the skeleton's plugins give a space of (7*4*4)^N on images") {
  auto loaded = test::load(test::skeleton_plugins());
  auto space = SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 28, 28}}, 3);
  // Free decisions per layer: conv channels (7), conv kernel (4), pooling kernel (4); a role or
  // a global decision with one loaded option is fixed.
  CHECK(space.option_counts() == std::vector<std::int64_t>{7, 4, 4, 7, 4, 4, 7, 4, 4});
  CHECK(space.size().exact() == std::to_string(112 * 112 * 112));

  auto spec = space.decode({0, 3, 1, 6, 0, 0, 2, 1, 3});
  CHECK(spec.hypothesis == "reconstruction");
  CHECK(spec.distance == "l2");
  REQUIRE(spec.layers.size() == 3);
  CHECK(spec.layers[0].transform.op == "conv");
  CHECK(spec.layers[0].transform.args == sdk::OpArgs{{"channels", 3}, {"kernel", 7}});
  CHECK(spec.layers[0].pool.args == sdk::OpArgs{{"kernel", 3}});
  CHECK(spec.layers[1].transform.args == sdk::OpArgs{{"channels", 256}, {"kernel", 1}});
  CHECK(spec.layers[2].pool.args == sdk::OpArgs{{"kernel", 7}});
  CHECK(spec.layers[2].activation.op == "relu");
  CHECK_THROWS_AS(space.decode({0, 4, 1, 6, 0, 0, 2, 1, 3}), sdk::InputError);  // kernel index 4
  CHECK_THROWS_AS(space.decode({0, 1}), sdk::InputError);
}

TEST_CASE("options are sorted by name, whatever order the plugins loaded in") {
  auto paths = test::skeleton_plugins();
  paths.insert(paths.begin(), test::faulty_plugin());
  auto loaded = test::load(paths);
  auto space = SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 8, 8}}, 1);
  const auto& decisions = space.decisions();
  CHECK(decisions[0].options == std::vector<std::string>{"nan_loss", "reconstruction"});
  auto activation = std::find_if(decisions.begin(), decisions.end(),
                                 [](const Decision& d) { return d.name == "layer1.activation"; });
  REQUIRE(activation != decisions.end());
  CHECK(activation->options == std::vector<std::string>{"relu", "unbuildable"});
}

TEST_CASE("with all the paper's plugins and N = 6 the space has 4*4*(7*4*2*4*3*8)^6 points") {
  auto loaded = test::load({test::builtin_plugins()});
  auto space = SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 28, 28}}, 6);
  CHECK(space.size().exact() == "386256270576612871766016");
  CHECK(space.option_counts().size() == 6 * 6 + 2);  // the paper's (6N+2)-tuple
  CHECK(space.decisions()[0].options ==
        std::vector<std::string>{"centroid", "cluster", "density", "reconstruction"});
  CHECK(space.decisions()[1].options == std::vector<std::string>{"l1", "l2", "l2_1", "ssim"});
  // With labelled outliers in training, the hypotheses that learn from them join the search.
  auto labelled = SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 28, 28}}, 6, {}, true);
  CHECK(labelled.decisions()[0].options ==
        std::vector<std::string>{"centroid", "cluster", "deep_sad", "density", "reconstruction",
                                 "supervised"});
}

TEST_CASE("tabular data gets the dense op, no pooling, and only norms and distances that fit") {
  auto loaded = test::load({test::builtin_plugins()});
  auto space = SearchSpace::assemble(loaded->registry, sdk::Shape{{30}}, 2);
  std::vector<std::string> names;
  for (const auto& d : space.decisions())
    names.push_back(d.name + "=" + std::to_string(d.options.size()));
  CHECK(names == std::vector<std::string>{
                     "hypothesis=4", "distance=3", "layer1.transform=1", "layer1.transform.width=6",
                     "layer1.norm=2", "layer1.activation=8", "layer2.transform=1",
                     "layer2.transform.width=6", "layer2.norm=2", "layer2.activation=8"});
}

TEST_CASE("the config narrows an op's options, and a bad narrowing names the valid ones") {
  auto loaded = test::load({test::builtin_plugins()});
  SpaceConfig narrow;
  narrow.narrow["conv"]["channels"] = {std::vector<std::int64_t>{8, 16}, "c.toml:3:1"};
  auto space = SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 28, 28}}, 1, narrow);
  CHECK(space.decisions()[3].name == "layer1.transform.channels");
  CHECK(space.decisions()[3].options == std::vector<std::string>{"8", "16"});
  narrow.narrow["conv"]["channels"] = {std::vector<std::int64_t>{8, 12}, "c.toml:3:1"};
  CHECK_THROWS_WITH_AS(
      SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 28, 28}}, 1, narrow),
      "c.toml:3:1: 'space.conv.channels' has 12; valid options: 3, 8, 16, 32, 64, 128, 256",
      sdk::InputError);
  SpaceConfig typo;
  typo.narrow["conv"]["chanels"] = {std::vector<std::int64_t>{8}, "c.toml:4:1"};
  CHECK_THROWS_WITH_AS(SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 28, 28}}, 1, typo),
                       "c.toml:4:1: unknown key 'space.conv.chanels'; valid keys: channels, kernel",
                       sdk::InputError);
}

TEST_CASE("data that no transform op fits is a clear error") {
  auto loaded = test::load(test::skeleton_plugins());
  CHECK_THROWS_WITH_AS(SearchSpace::assemble(loaded->registry, sdk::Shape{{30}}, 2),
                       "no transform op (such as conv or dense) fits data of rank 2",
                       sdk::InputError);
}
