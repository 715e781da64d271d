#pragma once
// A whole search as the tests run it, through the same SearchSession as the command line: the
// configured data and protocol, the space, the controller, the evaluator and a run folder.
#include <filesystem>

#include "config/Config.hpp"
#include "data/DataSplits.hpp"
#include "plugin/Registry.hpp"
#include "search/SearchLoop.hpp"

namespace autood::test {

struct Run {
  SearchResult result;
  DataSplits data;
};

Run run_search(const Registry& registry, const Config& config, const std::filesystem::path& dir);

}  // namespace autood::test
