#pragma once
// The search's outliers made from normal samples by anomaly generator plugins, for a search that
// reads no labelled outlier (data.validation = "synthetic").
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

#include "autood/sdk/generator.hpp"
#include "autood/sdk/log.hpp"
#include "config/Config.hpp"
#include "plugin/Registry.hpp"

namespace autood {

// One generator with its options resolved, as data.generators and [data.generator.<name>] give it.
struct ConfiguredGenerator {
  std::string name;
  sdk::Params params;
  std::shared_ptr<sdk::AnomalyGenerator> generator;
};

// The seeds' streams of the anomalies made for validation and for training: different, so that
// the two splits' anomalies never repeat each other.
constexpr std::uint64_t kValidationAnomalies = 0x5EED0001, kTrainAnomalies = 0x5EED0002;

class SyntheticOutliers {
 public:
  // The generators of `config.generators` (every loaded generator that takes samples of `rank`
  // when the list is empty). Throws InputError naming the generator or the option at fault.
  SyntheticOutliers(const DataConfig& config, const Registry& registry, int rank, sdk::Logger& log);

  // One anomaly made from each row of `normal`, the rows dealt to the generators in turn (row i
  // to generator i mod G), each generator seeded from `seed` and its place in the list.
  sdk::Anomalies make(const at::Tensor& normal, std::uint64_t seed) const;

  // `count` anomalies made from `normal`: every row goes to the generators, so that one that
  // resamples across rows (marginal) draws from all of them, and the first `count` made are kept,
  // from the start again when there are fewer rows; their masks with them, when made.
  sdk::Anomalies make(const at::Tensor& normal, std::int64_t count, std::uint64_t seed) const;

  // "cutpaste, blur", for logs and the split's description.
  std::string names() const;

 private:
  std::vector<ConfiguredGenerator> generators_;
  sdk::Logger& log_;
};

// One generator's output on `normal`, its shape checked against the input's: what a plugin's own
// test and the conformance test call. Throws InputError naming the generator.
sdk::Anomalies generate_checked(const ConfiguredGenerator& generator, const at::Tensor& normal,
                                std::uint64_t seed, sdk::Logger& log);

// The generator `name` with `options` resolved under the section "data.generator.<name>".
ConfiguredGenerator configure_generator(const Registry& registry, const std::string& name,
                                        const RawOptions& options);

}  // namespace autood
