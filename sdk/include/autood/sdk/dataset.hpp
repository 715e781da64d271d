#pragma once
#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

#include "autood/sdk/choices.hpp"
#include "autood/sdk/export.hpp"

namespace autood::sdk {

// Samples as float tensors: images [N, C, H, W] scaled to [0, 1], or tables [N, D].
struct Dataset {
  at::Tensor samples;
  at::Tensor labels;  // int64 [N]; undefined when the source has no labels
  at::Tensor masks;   // float [N, 1, H, W] ground truth per pixel; undefined when absent
  at::Tensor test_split;  // bool [N]: the source's own test split (MVTec AD); undefined when it has none
  at::Tensor weight_map;  // float [1, H, W] multiplying every anomaly map (paper Eq. 20); optional
  std::vector<std::string> class_names;
  std::string description;  // where the data came from, for logs and reports
};

class AUTOOD_SDK_API DatasetLoader {
 public:
  virtual ~DatasetLoader();
  // Throws InputError naming the file and the position of anything malformed.
  virtual Dataset load(const Params& params, Logger& log) = 0;
};

}  // namespace autood::sdk
