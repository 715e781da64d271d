#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "autood/sdk/errors.hpp"
#include "cli/Commands.hpp"
#include "data/Protocols.hpp"
#include "log/Logging.hpp"
#include "plugin/OptionCheck.hpp"
#include "space/SearchSpace.hpp"

namespace autood {
namespace {

sdk::Shape parse_shape(const std::string& text) {
  sdk::Shape shape;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) {
    try {
      shape.dims.push_back(std::stoll(part));
    } catch (const std::exception&) {
      throw sdk::InputError("--shape " + text + ": '" + part + "' is not an integer");
    }
    if (shape.dims.back() <= 0)
      throw sdk::InputError("--shape " + text + ": sizes must be positive");
  }
  if (shape.dims.empty()) throw sdk::InputError("--shape needs C,H,W or D");
  return shape;
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

CommandRunner add_space_command(CLI::App& app, CommonOptions& common) {
  auto* command =
      app.add_subcommand("space", "Print the search space: decisions, options and size");
  add_common_options(*command, common);
  static std::string shape_text;
  command->add_option("--shape", shape_text,
                      "One sample's shape, e.g. 1,28,28 or 30 (default: read the configured data)");
  return [&common]() {
    auto session = open_session(common);
    const auto& config = session->config;
    check_hypothesis_options(config.hypothesis, session->registry);
    // The configured data decides the shape and whether the training split holds labelled
    // outliers; with --shape, the config's data.train_outliers says the latter.
    sdk::Shape shape;
    bool labelled = config.data.train_outliers > 0;
    if (shape_text.empty()) {
      auto data = prepare_data(config.data, session->registry,
                               static_cast<std::uint64_t>(config.search.seed), host_logger());
      shape = data.shape;
      labelled = data.train_labels.defined();
    } else {
      shape = parse_shape(shape_text);
    }
    auto space = SearchSpace::assemble(
        session->registry, shape, static_cast<int>(config.search.layers), config.space, labelled);
    std::cout << fmt::format("input {}, {} layers\n", sdk::to_string(shape), space.layers());
    std::cout << fmt::format("{:<28} {}\n", "DECISION", "OPTIONS");
    for (const auto& decision : space.decisions())
      std::cout << fmt::format("{:<28} {}{}\n", decision.name, join(decision.options),
                               decision.free() ? "" : "  (fixed)");
    auto size = space.size();
    std::cout << fmt::format("{} free decisions\nsize: {} ({})\n", space.option_counts().size(),
                             size.scientific(), size.exact());
    return 0;
  };
}

}  // namespace autood
