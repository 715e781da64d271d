#include <doctest/doctest.h>
#include <torch/torch.h>

#include <fstream>

#include "TestSupport.hpp"
#include "autood/sdk/abi.hpp"
#include "autood/sdk/distance.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"
#include "log/Logging.hpp"
#include "plugin/OptionCheck.hpp"
#include "search/EvaluationSetup.hpp"
#include "session/SearchSession.hpp"

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
  for (auto kind : kAllKinds) {
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
        Expected{"duplicate.so", LoadStatus::Duplicate, "distance 'l2' is already registered"},
        Expected{"no_factory.so", LoadStatus::NoFactory, "distance 'no_factory' has no factory"},
        Expected{"no_name.so", LoadStatus::NoName, "distance with an empty name"},
        Expected{"bad_range.so", LoadStatus::BadOption,
                 "hypothesis 'bad_range': option 'k': the default 0 is outside the option's own "
                 "range"}}) {
    CAPTURE(e.file);
    const LoadReport* report = report_for(loaded->reports, e.file);
    REQUIRE(report != nullptr);
    CHECK(report->status == e.status);
    CHECK(test::contains(report->message, e.message));
  }
  // Nothing of the plugin that threw halfway reached the registry, and the good plugins did.
  CHECK_FALSE(loaded->registry.contains(sdk::Kind::Distance, "half_registered"));
  CHECK(loaded->registry.contains(sdk::Kind::Distance, "l2"));
  // Every built-in plugin file, counted rather than written down, so a new plugin needs no edit.
  std::size_t builtin_files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::builtin_plugins()))
    builtin_files += entry.path().extension() == ".so";
  CHECK(builtin_files >= 30);
  CHECK(loaded->registry.plugins().size() == builtin_files);
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
    distance = loaded->registry.get<sdk::DistanceChoice>("l2").create();
  }
  auto x = torch::zeros({2, 1, 2, 2});
  auto y = torch::ones({2, 1, 2, 2}) * 2;
  auto d = distance->per_sample(y, x);
  CHECK(d[0].item<double>() == doctest::Approx(4.0));
}

TEST_CASE("a plugin file or folder writable by every user is refused, with how to fix it") {
  namespace fs = std::filesystem;
  auto dir = test::temp_dir("loose");
  fs::create_directories(dir / "safe");
  fs::copy_file(test::builtin_plugins() / "distances/l2.so", dir / "safe/l2.so");
  fs::permissions(dir / "safe/l2.so", fs::perms::others_write, fs::perm_options::add);
  auto loose_file = test::load({dir / "safe"});
  REQUIRE(loose_file->reports.size() == 1);
  CHECK(loose_file->reports[0].status == LoadStatus::Unsafe);
  CHECK(test::contains(loose_file->reports[0].message,
                       "the file " + (dir / "safe/l2.so").string() + " is writable by every user"));
  CHECK(test::contains(loose_file->reports[0].message, "chmod o-w"));
  CHECK_FALSE(loose_file->registry.contains(sdk::Kind::Distance, "l2"));

  // The file is fine; a folder between it and the plugin path is not.
  fs::permissions(dir / "safe/l2.so", fs::perms::others_write, fs::perm_options::remove);
  CHECK(all_ok(test::load({dir / "safe"})->reports));
  fs::create_directories(dir / "outer/inner");
  fs::copy_file(dir / "safe/l2.so", dir / "outer/inner/l2.so");
  fs::permissions(dir / "outer/inner", fs::perms::others_write, fs::perm_options::add);
  auto loose_folder = test::load({dir / "outer"});
  REQUIRE(loose_folder->reports.size() == 1);
  CHECK(loose_folder->reports[0].status == LoadStatus::Unsafe);
  CHECK(test::contains(loose_folder->reports[0].message,
                       "the folder " + (dir / "outer/inner").string() + " is writable"));
}

TEST_CASE("a missing plugin path, a symlink loop and a truncated library are reported, not fatal") {
  namespace fs = std::filesystem;
  auto dir = test::temp_dir("odd-paths");
  fs::create_directories(dir / "plugins");
  fs::copy_file(test::builtin_plugins() / "distances/l2.so", dir / "plugins/l2.so");
  fs::create_symlink("loop_b.so", dir / "plugins/loop_a.so");  // a loop of two links
  fs::create_symlink("loop_a.so", dir / "plugins/loop_b.so");
  fs::create_directory_symlink(dir / "plugins", dir / "plugins/self");  // a folder loop
  // A real library cut in half: its own headers say so; dlopen would die of SIGBUS on it.
  auto bytes = fs::file_size(dir / "plugins/l2.so");
  fs::create_directories(dir / "cut");
  fs::copy_file(dir / "plugins/l2.so", dir / "cut/half.so");
  fs::resize_file(dir / "cut/half.so", bytes / 2);

  auto loaded = test::load({dir / "plugins", dir / "nowhere", dir / "cut"});
  CHECK(loaded->registry.contains(sdk::Kind::Distance, "l2"));
  const LoadReport* missing = report_for(loaded->reports, "nowhere");
  REQUIRE(missing != nullptr);
  CHECK(missing->status == LoadStatus::PathMissing);
  const LoadReport* loop = report_for(loaded->reports, "loop_a.so");
  REQUIRE(loop != nullptr);
  CHECK(loop->status == LoadStatus::Unreadable);
  CHECK(test::contains(loop->message, "symbolic links"));
  const LoadReport* half = report_for(loaded->reports, "half.so");
  REQUIRE(half != nullptr);
  CHECK(half->status == LoadStatus::NotAPlugin);
  CHECK(test::contains(half->message, "truncated: the section headers need " +
                                          std::to_string(bytes) + " bytes, the file has " +
                                          std::to_string(bytes / 2)));
  CHECK_FALSE(all_ok(loaded->reports));  // so --strict fails
}

TEST_CASE("a hypothesis option out of its declared range fails at load, before any child") {
  auto loaded = test::load({test::builtin_plugins()});
  HypothesisConfig config;
  config.options["cluster"]["k"] = RawOption{std::int64_t{0}, "c.toml:3:1"};
  CHECK_THROWS_WITH_AS(check_hypothesis_options(config, loaded->registry),
                       "c.toml:3:1: 'hypothesis.cluster.k' must be from 1 to 1000, got 0",
                       sdk::InputError);
  config.options["cluster"]["k"] = RawOption{std::int64_t{3}, "c.toml:3:1"};
  CHECK_NOTHROW(check_hypothesis_options(config, loaded->registry));
  config.options["clustre"]["k"] = RawOption{std::int64_t{3}, "c.toml:5:1"};
  CHECK_THROWS_WITH_AS(check_hypothesis_options(config, loaded->registry),
                       doctest::Contains("c.toml:5:1: [hypothesis.clustre] names no loaded "
                                         "hypothesis; loaded: centroid, cluster"),
                       sdk::InputError);

  // The library's entry points check them whichever host calls them: a search before its run
  // folder is made, and the evaluation that workers and Python's Evaluator prepare.
  const auto bad = load_config("", {"hypothesis.cluster.k=0"});
  const auto run_dir = test::temp_dir("bad-hypothesis-option") / "run";
  const char* message = "'hypothesis.cluster.k' must be from 1 to 1000, got 0";
  CHECK_THROWS_WITH_AS(
      SearchSession(bad, loaded->registry, run_dir, SearchSession::Mode::Start, host_logger()),
      doctest::Contains(message), sdk::InputError);
  CHECK_FALSE(std::filesystem::exists(run_dir));
  CHECK_THROWS_WITH_AS(prepare_evaluation(bad, loaded->registry, host_logger()),
                       doctest::Contains(message), sdk::InputError);
}
