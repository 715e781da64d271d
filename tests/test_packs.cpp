// Packs: the manifest's checks, a pack that loads whole, a pack rejected whole (with the registry
// left as it was), and a pack's defaults under the user's config.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "TestSupport.hpp"
#include "autood/sdk/abi.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"
#include "plugin/PackLoader.hpp"
#include "plugin/PackManifest.hpp"

namespace autood {
namespace fs = std::filesystem;
namespace {

const std::string kHostAbi = std::to_string(sdk::kAbiMajor) + "." + std::to_string(sdk::kAbiMinor);

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

std::string manifest(const std::string& name, const std::string& libraries,
                     const std::string& abi = kHostAbi, const std::string& key = AUTOOD_BUILD_KEY) {
  return "name = \"" + name + "\"\nversion = \"1.2\"\ndescription = \"test pack\"\nsdk_abi = \"" +
         abi + "\"\nbuild_key = \"" + key + "\"\nlibraries = [" + libraries + "]\n";
}

// A pack folder holding a copy of the built-in l2 distance plugin.
fs::path l2_pack(const std::string& folder, const std::string& extra_libraries = "",
                 const std::string& abi = kHostAbi, const std::string& key = AUTOOD_BUILD_KEY) {
  const fs::path dir = test::temp_dir(folder);
  fs::create_directories(dir / "lib");
  fs::copy_file(test::builtin_plugins() / "distances" / "l2.so", dir / "lib" / "l2.so");
  write(dir / kPackManifestName, manifest("geometry", "\"lib/l2.so\"" + extra_libraries, abi, key));
  return dir;
}

std::string parse_error(const std::string& text) {
  try {
    parse_pack_manifest(text, "p/pack.toml", "p");
  } catch (const sdk::InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a pack manifest is read with its paths inside the pack") {
  auto m = parse_pack_manifest(
      manifest("ts", "\"lib/a.so\", \"./lib/b.so\"") + "defaults = \"defaults.toml\"\n",
      "p/pack.toml", "p");
  CHECK(m.name == "ts");
  CHECK(m.version == "1.2");
  CHECK(m.description == "test pack");
  CHECK(m.abi_major == sdk::kAbiMajor);
  CHECK(m.abi_minor == sdk::kAbiMinor);
  CHECK(m.build_key == AUTOOD_BUILD_KEY);
  REQUIRE(m.libraries.size() == 2);
  CHECK(m.libraries[0] == "lib/a.so");
  CHECK(m.libraries[1] == "lib/b.so");
  CHECK(m.defaults == "defaults.toml");
}

TEST_CASE("a malformed manifest names the file, the line and the key") {
  const std::string good = manifest("ts", "\"lib/a.so\"");
  CHECK(parse_error("name = \"ts\"\nversion = [").find("p/pack.toml:2:") == 0);
  CHECK(parse_error(good + "author = \"me\"\n") ==
        "p/pack.toml:7:10: unknown key 'author'; valid keys: name, version, description, sdk_abi, "
        "build_key, libraries, defaults");
  CHECK(parse_error("version = \"1\"") == "p/pack.toml: missing key 'name'");
  CHECK(parse_error(manifest("a/b", "")).find("'name' may hold letters, digits") !=
        std::string::npos);
  CHECK(parse_error(manifest("ts", "", "4")) ==
        "p/pack.toml:4:11: 'sdk_abi' must be \"major.minor\", such as \"4.0\", got '4'");
  CHECK(parse_error(manifest("ts", "", "4.x")).find("'sdk_abi' must be \"major.minor\"") !=
        std::string::npos);
  CHECK(parse_error(manifest("ts", "\"../escape.so\"")) ==
        "p/pack.toml:6:14: 'libraries' must stay inside the pack's folder, got '../escape.so'");
  CHECK(parse_error(manifest("ts", "\"lib/../../escape.so\"")).find("must stay inside") !=
        std::string::npos);
  CHECK(parse_error(manifest("ts", "\"/usr/lib/x.so\"")).find("must be a path relative") !=
        std::string::npos);
  CHECK(parse_error(manifest("ts", "\"a.so\", \"./a.so\"")).find("lists './a.so' twice") !=
        std::string::npos);
  CHECK(parse_error(manifest("ts", "1")) ==
        "p/pack.toml:6:14: 'libraries' must hold strings (relative paths)");
  CHECK(parse_error("name = \"ts\"\nversion = \"1\"\nsdk_abi = \"4.0\"\nbuild_key = \"k\"\n") ==
        "p/pack.toml: missing key 'libraries' (the plugin files it holds)");
  CHECK(parse_error(good + "description2 = 1").find("unknown key") != std::string::npos);
  CHECK(parse_error(manifest("ts", "") + "defaults = \"lib/\"\n").find("must name a file") !=
        std::string::npos);
}

TEST_CASE("a good pack loads whole, and its plugins say which pack they came from") {
  Registry registry;
  test::RecordingLogger log;
  PluginLoader plugins(registry, log);
  PackLoader packs(plugins, log);
  auto report = packs.load(l2_pack("pack_good"));
  INFO(report.message);
  REQUIRE(report.status == LoadStatus::Ok);
  CHECK(report.name == "geometry");
  CHECK(report.version == "1.2");
  REQUIRE(report.libraries.size() == 1);
  CHECK(report.libraries[0].pack == "geometry");
  CHECK(report.libraries[0].message == "distance l2");
  CHECK(report.message == "distance l2");
  CHECK(registry.contains(sdk::Kind::Distance, "l2"));
  CHECK(registry.table<sdk::DistanceChoice>().entries().at("l2").from.pack == "geometry");

  // The same pack again is refused by name, and the registry is unchanged.
  auto again = packs.load(l2_pack("pack_good_again"));
  CHECK(again.status == LoadStatus::Duplicate);
  CHECK(test::contains(again.message, "pack 'geometry'"));
  CHECK(test::contains(again.message, "a pack of this name is already loaded"));
}

TEST_CASE("a pack whose plugin clashes with a loaded one is rejected whole") {
  auto loaded = test::load({test::builtin_plugins() / "distances"});
  const auto before = loaded->registry.names(sdk::Kind::Distance);
  test::RecordingLogger log;
  PluginLoader plugins(loaded->registry, log);
  plugins.load_paths({test::builtin_plugins() / "distances"});
  PackLoader packs(plugins, log);
  auto report = packs.load(l2_pack("pack_clash"));
  CHECK(report.status == LoadStatus::Duplicate);
  CHECK(
      test::contains(report.message, "pack 'geometry' (" + test::temp_dir("pack_clash").string()));
  CHECK(test::contains(report.message, "lib/l2.so: Duplicate"));
  CHECK(loaded->registry.names(sdk::Kind::Distance) == before);
  CHECK(loaded->registry.table<sdk::DistanceChoice>().entries().at("l2").from.pack.empty());
  REQUIRE(!log.lines.empty());
  CHECK(test::contains(log.lines.back(), "warn: skipped pack 'geometry'"));
}

TEST_CASE("one bad library rejects the pack, and the good one before it is not registered") {
  const auto dir = l2_pack("pack_half", ", \"lib/notes.so\"");
  write(dir / "lib" / "notes.so", "not a library\n");
  Registry registry;
  test::RecordingLogger log;
  PluginLoader plugins(registry, log);
  PackLoader packs(plugins, log);
  auto report = packs.load(dir);
  CHECK(report.status == LoadStatus::NotAPlugin);
  CHECK(test::contains(report.message, "lib/notes.so: NotAPlugin: not a shared library"));
  CHECK(registry.names(sdk::Kind::Distance).empty());
  // Rejected, the pack's name is free: a fixed pack loads.
  write(dir / kPackManifestName, manifest("geometry", "\"lib/l2.so\""));
  CHECK(packs.load(dir).status == LoadStatus::Ok);
  CHECK(registry.contains(sdk::Kind::Distance, "l2"));
}

TEST_CASE("a pack for another ABI, another build, with a file missing or loose is rejected") {
  Registry registry;
  test::RecordingLogger log;
  PluginLoader plugins(registry, log);
  PackLoader packs(plugins, log);
  const std::string next_major = std::to_string(sdk::kAbiMajor + 1) + ".0";
  auto abi = packs.load(l2_pack("pack_abi", "", next_major));
  CHECK(abi.status == LoadStatus::AbiMismatch);
  CHECK(test::contains(abi.message, "built for SDK ABI " + next_major + ", this host supports"));
  auto key = packs.load(l2_pack("pack_key", "", kHostAbi, "clang-99;cxx11abi-0;torch-0.1"));
  CHECK(key.status == LoadStatus::BuildKeyMismatch);
  CHECK(test::contains(key.message, "built for clang-99;cxx11abi-0;torch-0.1, this host is"));
  auto missing = packs.load(l2_pack("pack_missing", ", \"lib/gone.so\""));
  CHECK(missing.status == LoadStatus::PathMissing);
  CHECK(test::contains(missing.message, "lists 'lib/gone.so', which is not a file in the pack"));
  auto no_manifest = packs.load(test::temp_dir("pack_empty"));
  CHECK(no_manifest.status == LoadStatus::BadManifest);
  CHECK(test::contains(no_manifest.message, "not a pack (no pack.toml)"));
  auto nowhere = packs.load(test::temp_dir("pack_nowhere") / "absent");
  CHECK(nowhere.status == LoadStatus::PathMissing);
  const auto loose = l2_pack("pack_loose");
  ::chmod((loose / "lib" / "l2.so").c_str(), 0666);
  auto unsafe = packs.load(loose);
  CHECK(unsafe.status == LoadStatus::Unsafe);
  CHECK(test::contains(unsafe.message, "is writable by every user"));
  CHECK(registry.names(sdk::Kind::Distance).empty());
}

TEST_CASE("a pack's defaults sit under the user's config and --set") {
  const auto dir = test::temp_dir("pack_defaults");
  write(dir / "a.toml", "[search]\nbudget = 7\nlayers = 3\n[train]\nlr = 0.3\n");
  write(dir / "b.toml", "[search]\nlayers = 4\n");
  write(dir / "user.toml", "[train]\nlr = 0.5\n");
  const std::vector<std::string> defaults{(dir / "a.toml").string(), (dir / "b.toml").string()};
  auto config = load_config((dir / "user.toml").string(), {"search.budget=9"}, defaults);
  CHECK(config.search.budget == 9);                // --set over the pack
  CHECK(config.search.layers == 4);                // the later pack over the earlier
  CHECK(config.train.lr == doctest::Approx(0.5));  // the user's file over the pack
  CHECK(load_config("", {}, defaults).train.lr == doctest::Approx(0.3));

  write(dir / "bad.toml", "[train]\nepochs = -1\n");
  CHECK_THROWS_WITH_AS(
      load_config("", {}, {(dir / "bad.toml").string()}),
      doctest::Contains(((dir / "bad.toml").string() + ":2:10: 'train.epochs'").c_str()),
      sdk::InputError);
  write(dir / "plugins.toml", "[plugins]\npaths = [\"/tmp\"]\n");
  CHECK_THROWS_WITH_AS(
      load_config("", {}, {(dir / "plugins.toml").string()}),
      doctest::Contains("plugins.toml:1:1: a pack's defaults cannot set [plugins]"),
      sdk::InputError);
}

TEST_CASE("the packs a config asks for are read before the rest of it") {
  const auto dir = test::temp_dir("pack_request");
  write(dir / "user.toml", "[plugins]\npacks = [\"packs/ts\"]\n[search]\nbudget = 3\n");
  auto plugins = read_plugins_config((dir / "user.toml").string(), {"plugins.builtin=false"});
  CHECK(plugins.packs == std::vector<std::string>{"packs/ts"});
  CHECK_FALSE(plugins.builtin);
}

}  // namespace autood
