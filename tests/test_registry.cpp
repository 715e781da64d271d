// The generic registry: one ChoiceTable per kind, made from the kind list in the SDK.
#include <doctest/doctest.h>

#include <iterator>
#include <set>
#include <string>

#include "autood/sdk/errors.hpp"
#include "plugin/Registry.hpp"

using namespace autood;

namespace {

sdk::DistanceChoice distance(const std::string& name) {
  sdk::DistanceChoice choice;
  choice.name = name;
  return choice;
}

}  // namespace

TEST_CASE("every kind has its own word, and the word finds the kind again") {
  std::set<std::string> words;
  for (auto kind : kAllKinds) {
    const std::string word = sdk::to_string(kind);
    CHECK(word != "?");
    CHECK(words.insert(word).second);
    REQUIRE(kind_named(word).has_value());
    CHECK(*kind_named(word) == kind);
  }
  CHECK(words.size() == std::size(kAllKinds));  // no two kinds share a word
  CHECK(std::string(sdk::to_string(sdk::KindOf<sdk::LayerOpChoice>::value)) == "layer");
  CHECK_FALSE(kind_named("layers").has_value());
}

TEST_CASE("a registry keeps each kind apart, with its provenance") {
  Registry registry;
  registry.add(distance("l2"), Provenance{"l2", "1.0", "/p/l2.so", ""});
  registry.add(distance("l1"), Provenance{"l1", "2.0", "/p/l1.so", "geometry"});
  sdk::LayerOpChoice layer;
  layer.name = "l2";  // the same name in another kind is no clash
  registry.add(layer, Provenance{"layer_l2", "1.0", "/p/layer_l2.so", ""});

  CHECK(registry.names(sdk::Kind::Distance) == std::vector<std::string>{"l1", "l2"});
  CHECK(registry.names(sdk::Kind::Layer) == std::vector<std::string>{"l2"});
  CHECK(registry.names(sdk::Kind::Hypothesis).empty());
  CHECK(registry.contains(sdk::Kind::Layer, "l2"));
  CHECK_FALSE(registry.contains(sdk::Kind::Layer, "l1"));
  REQUIRE(registry.provenance(sdk::Kind::Distance, "l1") != nullptr);
  CHECK(registry.provenance(sdk::Kind::Distance, "l1")->pack == "geometry");
  CHECK(registry.provenance(sdk::Kind::Controller, "l1") == nullptr);
  CHECK(registry.get<sdk::DistanceChoice>("l2").name == "l2");
  CHECK(registry.plugins().size() == 3);
}

TEST_CASE("an unknown name lists what is loaded, and a taken name is refused") {
  Registry registry;
  registry.add(distance("l2"), Provenance{"l2", "1.0", "/p/l2.so", ""});
  CHECK_THROWS_WITH_AS(registry.get<sdk::DistanceChoice>("l3"), "unknown distance 'l3'; loaded: l2",
                       sdk::InputError);
  CHECK_THROWS_WITH_AS(registry.get<sdk::HypothesisChoice>("x"),
                       "unknown hypothesis 'x'; loaded: (none loaded)", sdk::InputError);
  CHECK_THROWS_WITH_AS(registry.add(distance("l2"), Provenance{}),
                       "distance 'l2' is already registered", sdk::InputError);
  CHECK(registry.plugins().size() == 1);
}
