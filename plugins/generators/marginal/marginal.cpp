// Tables: features resampled from their marginals. Each column is shuffled over the rows on its
// own, and each output row takes a `features` share of its columns from the shuffled table. Every
// value stays one the feature really takes, but the dependence between features is broken.
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "autood/sdk/errors.hpp"
#include "autood/sdk/generator.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

class Marginal : public autood::sdk::AnomalyGenerator {
 public:
  autood::sdk::Anomalies generate(const at::Tensor& normal, const autood::sdk::Params& params,
                                  std::uint64_t seed, autood::sdk::Logger&) override {
    const auto rows = normal.size(0), columns = normal.size(1);
    if (rows < 2)
      throw autood::sdk::InputError(
          "generator 'marginal' resamples features across rows, and was given " +
          std::to_string(rows) + " row; it needs at least 2");
    const auto taken = std::clamp<std::int64_t>(
        std::llround(params.get_double("features") * static_cast<double>(columns)), 1, columns);
    std::mt19937_64 rng(seed);
    // shuffled[:, j] is column j under its own permutation of the rows.
    std::vector<std::int64_t> order(static_cast<std::size_t>(rows));
    std::vector<at::Tensor> shuffled_columns;
    for (std::int64_t j = 0; j < columns; ++j) {
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), rng);
      shuffled_columns.push_back(normal.select(1, j).index_select(0, torch::tensor(order)));
    }
    const auto shuffled = torch::stack(shuffled_columns, 1);
    // Which columns each row takes from the shuffled table.
    auto chosen = torch::zeros({rows, columns}, torch::kBool);
    auto* take = chosen.data_ptr<bool>();
    std::vector<std::int64_t> column_order(static_cast<std::size_t>(columns));
    for (std::int64_t i = 0; i < rows; ++i) {
      std::iota(column_order.begin(), column_order.end(), 0);
      std::shuffle(column_order.begin(), column_order.end(), rng);
      for (std::int64_t k = 0; k < taken; ++k)
        take[i * columns + column_order[static_cast<std::size_t>(k)]] = true;
    }
    autood::sdk::Anomalies out;
    out.samples = torch::where(chosen, shuffled, normal);
    return out;
  }
};

void register_marginal(autood::sdk::Registrar& registrar) {
  autood::sdk::GeneratorChoice choice;
  choice.name = "marginal";
  choice.summary = "tables: a share of each row's features resampled from their marginals";
  choice.params = {
      {"features", 1.0, "the share of each row's features that is resampled", 0.0, 1.0},
  };
  choice.ranks = {2};
  choice.create = [] { return std::make_shared<Marginal>(); };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("marginal", "1.0.0", register_marginal)
