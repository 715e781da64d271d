#include "model/ModelScoring.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <variant>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "train/ChildTrainer.hpp"

namespace autood {
namespace {

// The option that names what a loader reads: "path" (csv, image_folder, mvtec) or "images" (idx).
std::string input_option(const sdk::DatasetChoice& choice) {
  for (const char* name : {"path", "images"})
    for (const auto& param : choice.params)
      if (param.name == name) return name;
  throw sdk::InputError(
      "dataset loader '" + choice.name +
      "' has no 'path' or 'images' option for --input; give its options with --loader-option");
}

// A file path by its form (a folder part or an extension), not by whether it exists: the search
// may have run in another folder or on another machine.
bool looks_like_a_path(const std::string& value) {
  const std::filesystem::path path(value);
  return path.has_parent_path() || path.has_extension();
}

// --input replaces the data, so the files that came with the model's own source do not come
// along: an option other than the input's whose value is a file path (idx's `labels`, by default
// the training labels) is emptied unless --loader-option gives it. Options that describe the
// format (a CSV's label_column, an image size) stay. New data has labels only when they are given.
void drop_source_files(sdk::Params& params, const std::string& input_key, const ScoreInput& input,
                       sdk::Logger& log) {
  auto given = [&](const std::string& key) {
    return std::any_of(input.options.begin(), input.options.end(),
                       [&](const std::string& option) { return option.rfind(key + "=", 0) == 0; });
  };
  std::vector<std::string> dropped;
  for (const auto& [key, value] : params.values()) {
    const auto* file = std::get_if<std::string>(&value);
    if (key == input_key || !file || file->empty() || given(key) || !looks_like_a_path(*file))
      continue;
    log.info(
        fmt::format("--input replaces the model's source: its {} = {} is not used (give "
                    "--loader-option {}=FILE for the new data's)",
                    key, *file, key));
    dropped.push_back(key);
  }
  for (const auto& key : dropped) params.set(key, std::string());
}

SourceConfig source_for(const std::filesystem::path& model_dir, const Registry& registry,
                        const ScoreInput& input) {
  const auto saved = (model_dir / "config.toml").string();
  const auto own = load_config(saved, {}).data.source;
  const std::string loader = input.loader.empty() ? own.loader : input.loader;
  std::vector<std::string> overrides{"data.source.loader=" + loader};
  if (!input.input.empty())
    overrides.push_back("data.source." + input_option(registry.get<sdk::DatasetChoice>(loader)) +
                        "=" + input.input);
  for (const auto& option : input.options) overrides.push_back("data.source." + option);
  // The model's own source options apply only to the loader it was searched with.
  auto config = loader == own.loader ? load_config(saved, overrides) : load_config("", overrides);
  return config.data.source;
}

}  // namespace

ScoringData load_scoring_data(const std::filesystem::path& model_dir, const sdk::Shape& input_shape,
                              const Registry& registry, const ScoreInput& input, sdk::Logger& log) {
  auto source = source_for(model_dir, registry, input);
  const auto& choice = registry.get<sdk::DatasetChoice>(source.loader);
  auto params = resolve_options(choice.params, source.options, "--loader-option");
  if (!input.input.empty()) drop_source_files(params, input_option(choice), input, log);
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
