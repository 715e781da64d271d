#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "TestSupport.hpp"

using namespace autood;

TEST_CASE("marginal: every column keeps its values, and the columns' dependence is broken") {
  auto loaded = test::load({test::builtin_plugins()});
  // Three features that move together: x, 2x and -x.
  const auto x = torch::arange(50, torch::kFloat);
  const auto table = torch::stack({x, 2 * x, -x}, 1);
  auto made = test::generate_with(loaded->registry, "marginal", {}, table, 7).samples;
  // features 1: each column is a permutation of the original one.
  for (int j = 0; j < 3; ++j)
    CHECK(torch::equal(std::get<0>(made.select(1, j).sort()),
                       std::get<0>(table.select(1, j).sort())));
  // x and 2x had correlation 1; apart they are two independent shuffles of 50 values.
  auto correlation = torch::corrcoef(made.slice(1, 0, 2).t())[0][1].item<double>();
  CHECK(std::abs(correlation) < 0.5);
  // features 1/3 of 3: one value per row comes from elsewhere, the other two stay.
  auto one =
      test::generate_with(loaded->registry, "marginal", {{"features", {1.0 / 3, "test"}}}, table, 7)
          .samples;
  CHECK(one.ne(table).sum(1).le(1).all().item<bool>());
  CHECK(one.ne(table).sum().item<std::int64_t>() > 40);
  CHECK(test::contains(test::generate_error(loaded->registry, "marginal", {}, table.slice(0, 0, 1)),
                       "it needs at least 2"));
}
