// Average pooling over time, with the plugin kit's shape rule and unpooling (see max_pool1d).
// Padding is left out of the average, so that a window's edges are not pulled towards zero.
#include <ATen/ATen.h>

#include "autood/kit/pooling.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_avg_pool1d(autood::sdk::Registrar& registrar) {
  registrar.add(autood::kit::pooling_choice("avg_pool1d", "average pooling over time",
                                            [](const at::Tensor& x, std::int64_t k) {
                                              return at::avg_pool1d(x, {k}, {2}, {k / 2},
                                                                    /*ceil_mode=*/false,
                                                                    /*count_include_pad=*/false);
                                            },
                                            /*ranks=*/{3}));
}

}  // namespace

AUTOOD_PLUGIN("avg_pool1d", "1.0.0", register_avg_pool1d)
