#include <doctest/doctest.h>

#include "OpSupport.hpp"
#include "autood/sdk/hypothesis.hpp"

using namespace autood;

TEST_CASE("reconstruction: adds nothing, so the score is the distance alone") {
  const auto& choice = test::builtin_registry().get<sdk::HypothesisChoice>("reconstruction");
  sdk::HypothesisContext context;
  context.latent_dim = 3;
  auto hypothesis = choice.create(context);
  sdk::Encoded samples{torch::randn({5, 3}), torch::rand({5})};
  CHECK(hypothesis->training_term(samples).dim() == 0);
  CHECK(hypothesis->training_term(samples).item<double>() == 0.0);
  CHECK(hypothesis->score_term(samples).equal(torch::zeros({5})));
  CHECK(hypothesis->parameters().empty());
}
