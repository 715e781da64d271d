#include <doctest/doctest.h>
#include <torch/torch.h>

#include <fstream>

#include "TestSupport.hpp"
#include "autood/sdk/abi.hpp"
#include "autood/sdk/distance.hpp"

using namespace autood;

namespace {

const LoadReport* report_for(const std::vector<LoadReport>& reports, const std::string& file) {
  for (const auto& report : reports)
    if (std::filesystem::path(report.path).filename() == file) return &report;
  return nullptr;
}

}  // namespace

TEST_CASE("the built-in plugins load: one or more of each kind") {
  auto loaded = test::load({test::builtin_plugins()});
  CHECK(all_ok(loaded->reports));
  for (auto kind : {sdk::Kind::Hypothesis, sdk::Kind::Distance, sdk::Kind::Layer,
                    sdk::Kind::Controller, sdk::Kind::Dataset}) {
    CAPTURE(sdk::to_string(kind));
    CHECK(!loaded->registry.names(kind).empty());
  }
  CHECK(loaded->registry.contains(sdk::Kind::Distance, "l2"));
  CHECK(loaded->registry.contains(sdk::Kind::Layer, "conv"));
}

TEST_CASE("bad plugins are reported with their status and the host keeps the good ones") {
  auto garbage = test::temp_dir("garbage") / "garbage.so";
  std::ofstream(garbage) << "this is not an ELF file\n";
  auto loaded = test::load({test::builtin_plugins(), test::bad_plugins(), garbage});

  struct Expected {
    const char* file;
    LoadStatus status;
    std::string message;
  };
  const auto abi = "got 99.0, this host supports " + std::to_string(sdk::kAbiMajor) + ".0";
  for (const auto& e :
       {Expected{"not_a_plugin.so", LoadStatus::NotAPlugin,
                 "does not export 'autood_plugin_entry'"},
        Expected{"garbage.so", LoadStatus::NotAPlugin, "not a shared library"},
        Expected{"wrong_abi.so", LoadStatus::AbiMismatch, abi},
        Expected{"wrong_build_key.so", LoadStatus::BuildKeyMismatch, "built for msvc-19"},
        Expected{"throws.so", LoadStatus::RegisterThrew, "cannot find my configuration"},
        Expected{"duplicate.so", LoadStatus::Duplicate, "distance 'l2'"}}) {
    CAPTURE(e.file);
    const LoadReport* report = report_for(loaded->reports, e.file);
    REQUIRE(report != nullptr);
    CHECK(report->status == e.status);
    CHECK(test::contains(report->message, e.message));
  }
  // Nothing of the plugin that threw halfway reached the registry, and the good plugins did.
  CHECK_FALSE(loaded->registry.contains(sdk::Kind::Distance, "half_registered"));
  CHECK(loaded->registry.contains(sdk::Kind::Distance, "l2"));
  CHECK(loaded->registry.plugins().size() == 33);
}

TEST_CASE("the same folder twice loads each file once") {
  auto loaded = test::load({test::builtin_plugins(), test::builtin_plugins()});
  CHECK(all_ok(loaded->reports));
  CHECK(loaded->reports.size() == loaded->registry.plugins().size());
}

TEST_CASE("an object made by a plugin keeps working after its registry is gone") {
  std::shared_ptr<sdk::Distance> distance;
  {
    auto loaded = test::load({test::builtin_plugins()});
    distance = loaded->registry.distance("l2").create();
  }
  auto x = torch::zeros({2, 1, 2, 2});
  auto y = torch::ones({2, 1, 2, 2}) * 2;
  auto d = distance->per_sample(y, x);
  CHECK(d[0].item<double>() == doctest::Approx(4.0));
}
