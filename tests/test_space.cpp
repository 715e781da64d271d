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
  auto loaded = test::load({test::builtin_plugins()});
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
  auto loaded = test::load({test::faulty_plugin(), test::builtin_plugins()});
  auto space = SearchSpace::assemble(loaded->registry, sdk::Shape{{1, 8, 8}}, 1);
  const auto& decisions = space.decisions();
  CHECK(decisions[0].options == std::vector<std::string>{"nan_loss", "reconstruction"});
  auto activation = std::find_if(decisions.begin(), decisions.end(),
                                 [](const Decision& d) { return d.name == "layer1.activation"; });
  REQUIRE(activation != decisions.end());
  CHECK(activation->options == std::vector<std::string>{"relu", "unbuildable"});
}

TEST_CASE("data that no transform op fits is a clear error") {
  auto loaded = test::load({test::builtin_plugins()});
  CHECK_THROWS_WITH_AS(SearchSpace::assemble(loaded->registry, sdk::Shape{{30}}, 2),
                       "no transform op (such as conv or dense) fits data of rank 2", sdk::InputError);
}
