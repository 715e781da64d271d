// What a run folder owns: only a folder with autood's marker is a run, --overwrite deletes only
// a run's own files, and one process at a time holds a run.
#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>

#include "DataSupport.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "run/RunFolder.hpp"
#include "run/RunLock.hpp"
#include "session/RunDirectory.hpp"
#include "session/SearchSession.hpp"

using namespace autood;
namespace fs = std::filesystem;
using test::write_text;

namespace {

RunIdentity some_identity() { return {"[search]\nbudget = 3\n", "{}", "00ff", "a fixture"}; }

// A run as autood leaves it, with its marker.
fs::path make_run(const std::string& name) {
  auto dir = test::temp_dir(name);
  write_run_marker(dir, some_identity());
  write_text(dir / "config.toml", "[search]\nbudget = 3\n");
  write_text(dir / "trials.sqlite", "");
  write_text(dir / "space.json", "{}");
  fs::create_directories(dir / "best");
  write_text(dir / "best" / "model.toml", "format = 3\n");
  return dir;
}

}  // namespace

TEST_CASE("a folder autood did not make is never taken for a run, nor deleted from") {
  // A user's project folder: it happens to hold a config.toml.
  auto project = test::temp_dir("project");
  write_text(project / "config.toml", "[search]\nbudget = 3\n");
  write_text(project / "notes.txt", "mine");
  CHECK_FALSE(is_run(project));
  CHECK(SearchSession::continue_mode(project) == SearchSession::Mode::Start);
  for (bool overwrite : {false, true}) {
    CAPTURE(overwrite);
    CHECK_THROWS_WITH_AS(RunDirectory::check_can_create(project, overwrite),
                         doctest::Contains("is not an autood run (it has no autood-run.toml)"),
                         sdk::InputError);
  }
  CHECK(fs::exists(project / "notes.txt"));
  CHECK(fs::exists(project / "config.toml"));

  // A run of the layout before the marker: named as such, never replaced.
  auto old = test::temp_dir("older-run");
  write_text(old / "config.toml", "[search]\nbudget = 3\n");
  write_text(old / "trials.csv", "trial,reward\n");
  CHECK_THROWS_WITH_AS(RunDirectory::check_can_create(old, true),
                       doctest::Contains("holds a run of an older autood (run format 0"),
                       sdk::InputError);
  CHECK_THROWS_WITH_AS(require_run(old), doctest::Contains("run format 0"), sdk::InputError);
  CHECK(fs::exists(old / "trials.csv"));

  // A --run-dir that is a file is called a file.
  write_text(project / "file", "x");
  CHECK_THROWS_WITH_AS(RunDirectory::check_can_create(project / "file", true),
                       doctest::Contains("file is a file, not a folder"), sdk::InputError);
  // A new or empty folder is fine.
  CHECK_NOTHROW(RunDirectory::check_can_create(project / "new", false));
  fs::create_directories(project / "empty");
  CHECK_NOTHROW(RunDirectory::check_can_create(project / "empty", false));
}

TEST_CASE("the run marker: a run of another format or a damaged marker is refused by name") {
  auto dir = make_run("marker");
  CHECK(is_run(dir));
  CHECK_NOTHROW(require_run(dir));
  std::ifstream in(dir / kRunMarker);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK(test::contains(text, "format = 1\n"));
  CHECK(test::contains(text, "00ff"));

  write_text(dir / kRunMarker, "format = 7\nautood_version = '9.9.9'\n");
  CHECK_THROWS_WITH_AS(require_run(dir),
                       doctest::Contains("autood-run.toml: run format 7, written by autood 9.9.9; "
                                         "this autood reads format 1"),
                       sdk::InputError);
  CHECK_THROWS_AS(RunDirectory::check_can_create(dir, true), sdk::InputError);
  CHECK(fs::exists(dir / "best" / "model.toml"));

  write_text(dir / kRunMarker, "format = [\n");
  CHECK_THROWS_WITH_AS(require_run(dir),
                       doctest::Contains("autood-run.toml:1:12: Error while parsing array"),
                       sdk::InputError);
  write_text(dir / kRunMarker, "version = 1\n");
  CHECK_THROWS_WITH_AS(require_run(dir), doctest::Contains("no integer 'format'"), sdk::InputError);
}

TEST_CASE("--overwrite deletes a run's own files and refuses a run that holds anything else") {
  auto dir = make_run("overwrite");
  CHECK_THROWS_WITH_AS(RunDirectory::check_can_create(dir, false),
                       doctest::Contains("already holds a run"), sdk::InputError);
  CHECK_NOTHROW(RunDirectory::check_can_create(dir, true));

  // Anything foreign stops it, named: the first by name.
  write_text(dir / "zz-data.csv", "1,2\n");
  write_text(dir / "my notes.txt", "mine");
  CHECK(first_foreign_entry(dir) == dir / "my notes.txt");
  CHECK_THROWS_WITH_AS(
      RunDirectory::check_can_create(dir, true),
      doctest::Contains("holds a run and also my notes.txt, which autood did not write"),
      sdk::InputError);
  fs::remove(dir / "zz-data.csv");
  fs::remove(dir / "my notes.txt");

  // A write cut short (NAME.tmp) is the run's own; the lock stays with its holder.
  write_text(dir / "summary.json.tmp", "{");
  CHECK_FALSE(first_foreign_entry(dir).has_value());
  {
    RunLock lock(dir);
    delete_run_files(dir);
  }
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir))
    left.push_back(entry.path().filename().string());
  CHECK(left == std::vector<std::string>{kRunLockFile});
}

TEST_CASE("one process at a time holds a run, and the refusal names the holder") {
  auto dir = make_run("lock");
  {
    RunLock first(dir);
    CHECK_THROWS_WITH_AS(
        RunLock{dir},
        doctest::Contains(
            ("is in use: autood process PID " + std::to_string(::getpid()) + " on ").c_str()),
        sdk::InputError);
  }
  CHECK_NOTHROW(RunLock{dir});  // released with its holder
}

TEST_CASE("a folder that holds only what a run that never began leaves takes a new run") {
  // A search refused or killed before its marker was written leaves its lock, or a marker cut
  // short; neither makes the folder foreign.
  auto dir = test::temp_dir("leftovers");
  write_text(dir / kRunLockFile, "PID 1 on elsewhere\n");
  write_text(dir / (std::string(kRunMarker) + ".tmp"), "form");
  CHECK(holds_no_run_files(dir));
  CHECK_NOTHROW(RunDirectory::check_can_create(dir, false));
  write_text(dir / "notes.txt", "mine");
  CHECK_FALSE(holds_no_run_files(dir));
  CHECK_THROWS_WITH_AS(RunDirectory::check_can_create(dir, true),
                       doctest::Contains("is not an autood run"), sdk::InputError);
}
