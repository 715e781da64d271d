#pragma once
// The config as it was given: toml++ writes every float with 17 significant digits (0.2 comes back
// as 0.20000000000000001), which the run folder's config.toml and the report then show. This
// rewrites each float value in the shortest form that reads back to the same double.
#include <string>
#include <string_view>

namespace autood {

// `toml` is a document toml++ wrote. Strings, comments, keys, integers and dates are left as they
// are; a float value (after '=', '[' or ',') becomes its shortest round trip, with ".0" added
// where it would otherwise read as an integer.
std::string with_shortest_floats(std::string_view toml);

}  // namespace autood
