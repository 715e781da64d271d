// Average pooling over time; the shape rule and the unpooling come with pool1d_choice. Padding
// is left out of the average, so that a window's edges are not pulled towards zero.
#include "autood/sdk/plugin.hpp"
#include "pool1d.hpp"

namespace {

void register_avg_pool1d(autood::sdk::Registrar& registrar) {
  registrar.add(timeseries::pool1d_choice(
      "avg_pool1d", "average pooling over time", [](const at::Tensor& x, std::int64_t k) {
        return at::avg_pool1d(x, {k}, {2}, {k / 2}, /*ceil_mode=*/false,
                              /*count_include_pad=*/false);
      }));
}

}  // namespace

AUTOOD_PLUGIN("avg_pool1d", "1.0.0", register_avg_pool1d)
