#include "plugin/OptionCheck.hpp"

#include "autood/sdk/errors.hpp"

namespace autood {

void check_hypothesis_options(const HypothesisConfig& config, const Registry& registry) {
  for (const auto& [name, raw] : config.options) {
    const std::string section = "hypothesis." + name;
    if (!registry.contains(sdk::Kind::Hypothesis, name)) {
      std::string loaded;
      for (const auto& known : registry.names(sdk::Kind::Hypothesis))
        loaded += (loaded.empty() ? "" : ", ") + known;
      const std::string at = raw.empty() ? std::string("config") : raw.begin()->second.where;
      throw sdk::InputError(at + ": [" + section + "] names no loaded hypothesis; loaded: " +
                            (loaded.empty() ? std::string("(none)") : loaded));
    }
    resolve_options(registry.get<sdk::HypothesisChoice>(name).params, raw, section);
  }
}

}  // namespace autood
