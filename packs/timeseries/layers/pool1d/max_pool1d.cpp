// Max pooling over time; the shape rule and the unpooling come with pool1d_choice.
#include "autood/sdk/plugin.hpp"
#include "pool1d.hpp"

namespace {

void register_max_pool1d(autood::sdk::Registrar& registrar) {
  registrar.add(timeseries::pool1d_choice(
      "max_pool1d", "max pooling over time",
      [](const at::Tensor& x, std::int64_t k) { return at::max_pool1d(x, {k}, {2}, {k / 2}); }));
}

}  // namespace

AUTOOD_PLUGIN("max_pool1d", "1.0.0", register_max_pool1d)
