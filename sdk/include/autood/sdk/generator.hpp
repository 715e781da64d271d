#pragma once
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>

#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace autood::sdk {

// What a generator makes of a batch of normal samples: one anomalous version of each.
struct Anomalies {
  at::Tensor samples;  // the input's shape and dtype: [N, C, H, W] images, [N, D] tables
  at::Tensor masks;    // float [N, 1, H, W], 1 where the sample was changed; undefined when the
                       // change has no place (a whole-image or whole-row change)
};

// An anomaly generator: it takes normal samples and returns anomalous versions of them, so that a
// search can be rewarded without a labelled outlier. The same input, options and seed give the
// same output, and the output differs from the input.
class AUTOOD_SDK_API AnomalyGenerator {
 public:
  virtual ~AnomalyGenerator();
  // `normal` holds float samples of one of the ranks the choice declares; throws InputError for
  // options it cannot use on them (a patch larger than the image), naming the option.
  virtual Anomalies generate(const at::Tensor& normal, const Params& params, std::uint64_t seed,
                             Logger& log) = 0;
};

}  // namespace autood::sdk
