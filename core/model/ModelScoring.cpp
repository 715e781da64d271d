#include "model/ModelScoring.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <variant>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "data/NewInput.hpp"
#include "model/ChildScoring.hpp"

namespace autood {
namespace {

SourceConfig source_for(const std::filesystem::path& model_dir, const Registry& registry,
                        const ScoreInput& input) {
  const auto saved = (model_dir / "config.toml").string();
  const auto own = load_config(saved, {}).data.source;
  const std::string loader = input.loader.empty() ? own.loader : input.loader;
  std::vector<std::string> overrides;  // --loader-option key=value, read as TOML as --set is
  for (const auto& option : input.options) overrides.push_back("data.source." + option);
  // The model's own source options apply only to the loader it was searched with.
  auto source = (loader == own.loader ? load_config(saved, overrides) : load_config("", overrides))
                    .data.source;
  source.loader = loader;
  if (!input.input.empty()) {
    // Set as the path it is, not read as TOML: a file named 2024 or inf is no number.
    const std::string option = input_option(registry.get<sdk::DatasetChoice>(loader));
    if (option.empty())
      throw sdk::InputError("dataset loader '" + loader +
                            "' has no 'path' or 'images' option for --input; give its options "
                            "with --loader-option");
    source.options[option] = RawOption{input.input, "--input"};
  }
  return source;
}

}  // namespace

ScoringData load_scoring_data(const std::filesystem::path& model_dir, const sdk::Shape& input_shape,
                              const Registry& registry, const ScoreInput& input, sdk::Logger& log) {
  auto source = source_for(model_dir, registry, input);
  const auto& choice = registry.get<sdk::DatasetChoice>(source.loader);
  auto params = resolve_options(choice.params, source.options, "--loader-option");
  if (!input.input.empty())
    leave_out_old_source(params, choice, input.options, "--loader-option ", log);
  auto data = choice.create()->load(params, log);
  if (!data.samples.defined() || data.samples.size(0) == 0)
    throw sdk::InputError("dataset loader '" + source.loader + "' returned no samples");
  std::vector<std::int64_t> shape(data.samples.sizes().begin() + 1, data.samples.sizes().end());
  if (shape != input_shape.dims)
    throw sdk::InputError("the model in " + model_dir.string() + " takes samples of shape " +
                          sdk::to_string(input_shape) + " but " + data.description + " has " +
                          sdk::to_string(sdk::Shape{shape}));
  return {data.samples, data.labels, data.description};
}

ScoredSamples score_with_model(LoadedModel& model, const Registry& registry,
                               const ScoreInput& input, sdk::Logger& log) {
  return score_with_model(model,
                          load_scoring_data(model.dir, model.input_shape, registry, input, log));
}

at::Tensor prepare_samples(const LoadedModel& model, const at::Tensor& samples) {
  auto prepared = samples.to(torch::kFloat32);
  if (model.feature_mean.defined()) prepared = (prepared - model.feature_mean) / model.feature_std;
  return prepared;
}

ScoredSamples score_with_model(LoadedModel& model, const ScoringData& data) {
  const auto samples = prepare_samples(model, data.samples);

  ScoredSamples scored;
  scored.description = data.description;
  scored.samples = samples;
  scored.scores = to_doubles(model_scores(model, samples));
  // A score that is not finite is no result: refuse before anything is written.
  const auto bad = std::find_if(scored.scores.begin(), scored.scores.end(),
                                [](double s) { return !std::isfinite(s); });
  if (bad != scored.scores.end())
    throw sdk::InputError(fmt::format(
        "the model in {} scores sample {} of {} as {}, not a finite number; nothing was written",
        model.dir.string(), bad - scored.scores.begin(), scored.description, *bad));
  if (data.labels.defined() && model.config.data.protocol == "one_class") {
    auto labels = data.labels.to(torch::kLong).contiguous();
    scored.labels.assign(labels.data_ptr<std::int64_t>(),
                         labels.data_ptr<std::int64_t>() + labels.numel());
    const auto& normal = model.config.data.normal_classes;
    for (auto label : scored.labels)
      scored.is_outlier.push_back(
          std::find(normal.begin(), normal.end(), label) == normal.end() ? 1 : 0);
  }
  return scored;
}

}  // namespace autood
