#include "data/SyntheticOutliers.hpp"

#include <torch/types.h>

#include <algorithm>

#include "autood/sdk/errors.hpp"
#include "plugin/ChoiceTable.hpp"

namespace autood {

ConfiguredGenerator configure_generator(const Registry& registry, const std::string& name,
                                        const RawOptions& options) {
  const auto& choice = registry.get<sdk::GeneratorChoice>(name);
  return {name, resolve_options(choice.params, options, "data.generator." + name), choice.create()};
}

sdk::Anomalies generate_checked(const ConfiguredGenerator& generator, const at::Tensor& normal,
                                std::uint64_t seed, sdk::Logger& log) {
  auto made = generator.generator->generate(normal, generator.params, seed, log);
  const std::string who = "generator '" + generator.name + "'";
  if (!made.samples.defined() || made.samples.sizes() != normal.sizes())
    throw sdk::InputError(who + " returned samples of shape " +
                          (made.samples.defined() ? c10::str(made.samples.sizes()) : "none") +
                          " for input of shape " + c10::str(normal.sizes()));
  made.samples = made.samples.to(normal.scalar_type()).contiguous();
  if (!torch::isfinite(made.samples).all().item<bool>())
    throw sdk::InputError(who + " returned values that are not finite");
  if (made.masks.defined()) {
    const bool image = normal.dim() == 4;
    if (!image ||
        made.masks.sizes() != at::IntArrayRef{normal.size(0), 1, normal.size(2), normal.size(3)})
      throw sdk::InputError(who + " returned masks of shape " + c10::str(made.masks.sizes()) +
                            "; a mask is [N, 1, H, W] for images of shape [N, C, H, W]");
    made.masks = made.masks.to(torch::kFloat).contiguous();
  }
  // An unchanged sample would be an outlier that is also a normal one: said, not refused, since
  // a flat image blurred stays flat.
  const auto unchanged = made.samples.eq(normal).flatten(1).all(1).sum().item<std::int64_t>();
  if (unchanged > 0)
    log.warn(who + " left " + std::to_string(unchanged) + " of " + std::to_string(normal.size(0)) +
             " samples unchanged; they are outliers only in name");
  return made;
}

namespace {

bool takes_rank(const sdk::GeneratorChoice& choice, int rank) {
  return std::find(choice.ranks.begin(), choice.ranks.end(), rank) != choice.ranks.end();
}

// Row i goes to generator i mod `share`.
at::Tensor rows_of(std::int64_t generator, std::int64_t count, std::int64_t share) {
  return torch::arange(generator, count, share, torch::kLong);
}

}  // namespace

SyntheticOutliers::SyntheticOutliers(const DataConfig& config, const Registry& registry, int rank,
                                     sdk::Logger& log)
    : log_(log) {
  auto names = config.generators;
  if (names.empty())
    for (const auto& [name, entry] : registry.table<sdk::GeneratorChoice>().entries())
      if (takes_rank(entry.choice, rank)) names.push_back(name);
  if (names.empty())
    throw sdk::InputError(
        "data.validation = \"synthetic\" needs an anomaly generator for samples of rank " +
        std::to_string(rank) + ", and no loaded generator takes them; loaded: " +
        join_names(registry.names(sdk::Kind::Generator)));
  for (const auto& [name, options] : config.generator_options)
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw sdk::InputError("[data.generator." + name +
                            "] names no generator this search uses: " + join_names(names));
  for (const auto& name : names) {
    const auto& choice = registry.get<sdk::GeneratorChoice>(name);
    if (!takes_rank(choice, rank))
      throw sdk::InputError("data.generators: generator '" + name +
                            "' does not take samples of rank " + std::to_string(rank) +
                            " (this data's); it takes ranks " + c10::str(choice.ranks));
    const auto options = config.generator_options.find(name);
    generators_.push_back(configure_generator(
        registry, name,
        options == config.generator_options.end() ? RawOptions{} : options->second));
  }
}

sdk::Anomalies SyntheticOutliers::make(const at::Tensor& normal, std::uint64_t seed) const {
  const auto count = normal.size(0);
  const auto share = static_cast<std::int64_t>(generators_.size());
  sdk::Anomalies all;
  all.samples = torch::empty_like(normal);
  bool any_mask = false;
  std::vector<at::Tensor> masks(generators_.size());
  for (std::int64_t g = 0; g < share && g < count; ++g) {
    const auto rows = rows_of(g, count, share);
    // Each generator's own stream: its seed depends on the search's seed and its place.
    const auto own_seed = seed * 1000003u + static_cast<std::uint64_t>(g);
    auto made = generate_checked(generators_[static_cast<std::size_t>(g)],
                                 normal.index_select(0, rows), own_seed, log_);
    all.samples.index_copy_(0, rows, made.samples);
    masks[static_cast<std::size_t>(g)] = made.masks;
    any_mask = any_mask || made.masks.defined();
  }
  if (any_mask) {
    // A generator that changes the whole sample marks every pixel.
    all.masks = torch::ones({count, 1, normal.size(2), normal.size(3)}, torch::kFloat);
    for (std::int64_t g = 0; g < share && g < count; ++g)
      if (masks[static_cast<std::size_t>(g)].defined())
        all.masks.index_copy_(0, rows_of(g, count, share), masks[static_cast<std::size_t>(g)]);
  }
  return all;
}

sdk::Anomalies SyntheticOutliers::make(const at::Tensor& normal, std::int64_t count,
                                       std::uint64_t seed) const {
  auto made = make(normal, seed);
  const auto kept = torch::arange(count, torch::kLong).remainder(normal.size(0));
  made.samples = made.samples.index_select(0, kept);
  if (made.masks.defined()) made.masks = made.masks.index_select(0, kept);
  return made;
}

std::string SyntheticOutliers::names() const {
  std::vector<std::string> names;
  for (const auto& g : generators_) names.push_back(g.name);
  return join_names(names);
}

}  // namespace autood
