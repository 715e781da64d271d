// A model folder's model.toml, read without building anything, and the SHA-256 checksums of the
// files it lists. The digests are FIPS 180-4's own examples, which `sha256sum` prints too.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "TestSupport.hpp"
#include "autood/sdk/errors.hpp"
#include "io/Sha256.hpp"
#include "model/ModelBundle.hpp"
#include "model/ModelManifest.hpp"

using namespace autood;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A model.toml of the model format, with the given lines after the facts.
std::string manifest_with(const std::string& shape, const std::string& more) {
  return "format = 1\nkind = \"single\"\ntrial = 3\nreward = 0.75\ntest_auroc = 0.5\n"
         "test_aupr_in = 0.5\ntest_aupr_out = 0.5\nthreshold = 1.5\nthreshold_fpr = 0.05\n"
         "lambda = 1.0\ninput_shape = " +
         shape + "\nhypothesis = \"cluster\"\ndistance = \"l2\"\n" + more +
         "\n[[layers]]\ntransform = \"conv\"\ntransform_channels = 8\n";
}

}  // namespace

TEST_CASE("SHA-256 gives the digests of FIPS 180-4's examples, in one piece or in many") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the length no longer fits the first block's tail, so padding takes a second.
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1000000, 'a');
  CHECK(sha256_hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  Sha256 pieces;  // odd pieces that straddle the 64-byte blocks
  for (std::size_t at = 0; at < million.size(); at += 997)
    pieces.update(std::string_view(million).substr(at, 997));
  CHECK(pieces.hex() == sha256_hex(million));
  const auto dir = test::temp_dir("sha256");
  write(dir / "abc", "abc");
  CHECK(sha256_of_file(dir / "abc") == sha256_hex("abc"));
  CHECK_THROWS_WITH_AS(sha256_of_file(dir / "nowhere"),
                       doctest::Contains("nowhere: cannot be read"), sdk::InputError);
}

TEST_CASE("model.toml is read into a manifest: facts, shape, layers, plugins and checksums") {
  const auto seed = test::source_fixtures() / ".." / "fuzz" / "seeds" / "model" / "single.toml";
  const auto m = parse_model_manifest(read(seed), seed);
  CHECK_FALSE(m.ensemble);
  CHECK(m.facts.trial == 1);  // 1-based in the file
  CHECK(m.facts.reward == 0.7306288137346175);
  CHECK(m.facts.threshold_fpr == 0.05);
  CHECK(m.input_shape.dims == std::vector<std::int64_t>{36});
  CHECK(m.standardized);
  CHECK(m.spec.hypothesis == "centroid");
  REQUIRE(m.spec.layers.size() == 2);
  CHECK(m.spec.layers[1].transform.op == "dense");
  CHECK(m.spec.layers[1].transform.args.at(0).second == 128);
  REQUIRE(m.plugins.size() == 5);
  CHECK(m.plugins[2].name == "dense");
  CHECK(m.plugins[2].version == "1.1.0");
  CHECK(m.checksums.size() == 2);
  CHECK(m.checksums.count("weights.pt") == 1);

  const auto ensemble =
      test::source_fixtures() / ".." / "fuzz" / "seeds" / "model" / "ensemble.toml";
  const auto e = parse_model_manifest(read(ensemble), ensemble);
  CHECK(e.ensemble);
  REQUIRE(e.members.size() == 2);
  CHECK(e.members[1].dir == "member-2");
  CHECK(e.members[1].trial == 2);
  CHECK(e.members[1].scale.std == 0.1060586607864455);
}

TEST_CASE("a manifest that claims too much, or paths outside its folder, is refused by key") {
  const fs::path file = "m/model.toml";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {manifest_with("[1, 16384, 16384, 2]", ""),
       "input_shape claims more than 2^28 values per sample"},
      {manifest_with("[1, 0, 28]", ""), "input_shape must hold positive integers"},
      {manifest_with("[1, 28, 28]",
                     "[checksums]\n\"../weights.pt\" = \"" + std::string(64, '0') + "\"\n"),
       "checksum of '../weights.pt': not a file inside the model folder"},
      {manifest_with("[1, 28, 28]",
                     "[checksums]\n\"/etc/passwd\" = \"" + std::string(64, '0') + "\"\n"),
       "checksum of '/etc/passwd': not a file inside the model folder"},
      {manifest_with("[1, 28, 28]",
                     "[checksums]\n\"weights.pt\" = \"" + std::string(64, 'A') + "\"\n"),
       "checksum of 'weights.pt' must be 64 lowercase hex digits (SHA-256)"},
      {manifest_with("[1, 28, 28]", "checksums = 3\n"), "[checksums] must be a table"},
      {"format = 2\n", "model format 2, this autood reads 1"},
      {"format = 1\nkind = 5\n", "kind must be a string: single or ensemble"},
      {"format = 1\ntrial = -9223372036854775808\n",
       "trial must be a trial number from 1, got -9223372036854775808"},
      {manifest_with("[1, 28, 28]",
                     "[checksums]\n\"config.toml\" = \"" + std::string(64, '0') + "\"\n"),
       "[checksums] has no entry for 'weights.pt'"},
      {"format = 1\nkind = \"ensemble\"\ntrial = 1\nreward = 0.5\ntest_auroc = 0.5\n"
       "test_aupr_in = 0.5\ntest_aupr_out = 0.5\nthreshold = 1.5\nthreshold_fpr = 0.05\n"
       "lambda = 1.0\ninput_shape = [4]\n[[members]]\ndir = \"../m\"\nmean = 0.0\nstd = 1.0\n",
       "member dir '../m' must be a folder name inside the ensemble"},
  };
  for (const auto& [text, says] : cases) {
    const std::string expected = "m/model.toml: " + says;
    CAPTURE(expected);
    CHECK_THROWS_WITH_AS(parse_model_manifest(text, file), doctest::Contains(expected.c_str()),
                         sdk::InputError);
  }
  // Exactly 2^28 values is within the bound: `autood score` compares it with the data instead.
  CHECK(parse_model_manifest(manifest_with("[1, 16384, 16384]", ""), file).input_shape.dims ==
        std::vector<std::int64_t>{1, 16384, 16384});
}

TEST_CASE("every file model.toml lists is checked against its SHA-256 as the folder is read") {
  const auto dir = test::temp_dir("manifest-checksums");
  write(dir / "weights.pt", "the weights");
  write(dir / "config.toml", "[data]\n");
  const std::string checksums = "[checksums]\n\"weights.pt\" = \"" + sha256_hex("the weights") +
                                "\"\n\"config.toml\" = \"" + sha256_hex("[data]\n") + "\"\n";
  write(dir / "model.toml", manifest_with("[1, 28, 28]", checksums));
  test::RecordingLogger log;
  CHECK(read_model_manifest(dir, log).checksums.size() == 2);
  CHECK(log.lines.empty());

  write(dir / "weights.pt", "the weightz");  // one byte changed
  CHECK_THROWS_WITH_AS(
      read_model_manifest(dir, log),
      doctest::Contains(((dir / "weights.pt").string() + ": its SHA-256 is " +
                         sha256_hex("the weightz") + ", but " + (dir / "model.toml").string() +
                         " records " + sha256_hex("the weights"))
                            .c_str()),
      sdk::InputError);
  fs::remove(dir / "weights.pt");
  CHECK_THROWS_WITH_AS(read_model_manifest(dir, log),
                       doctest::Contains("lists weights.pt with a checksum, but"), sdk::InputError);

  // A model without [checksums] (an earlier autood's) is read, with a warning that says so.
  write(dir / "model.toml", manifest_with("[1, 28, 28]", ""));
  CHECK(read_model_manifest(dir, log).checksums.empty());
  REQUIRE(log.lines.size() == 1);
  CHECK(test::contains(log.lines[0], "records no [checksums]"));

  // Not a page of text: refused by its size, before it is read into memory.
  write(dir / "model.toml", std::string((1 << 20) + 1, '#'));
  CHECK_THROWS_WITH_AS(read_model_manifest(dir, log),
                       doctest::Contains("1048577 bytes; a model.toml is a page of text"),
                       sdk::InputError);
}

TEST_CASE("an ensemble member that claims another shape is refused before anything is built") {
  const auto dir = test::temp_dir("manifest-ensemble");
  fs::create_directories(dir / "member-1");
  write(dir / "config.toml", "");
  write(dir / "model.toml",
        "format = 1\nkind = \"ensemble\"\ntrial = 1\nreward = 0.5\ntest_auroc = 0.5\n"
        "test_aupr_in = 0.5\ntest_aupr_out = 0.5\nthreshold = 1.5\nthreshold_fpr = 0.05\n"
        "lambda = 1.0\ninput_shape = [1, 28, 28]\n[[members]]\ndir = \"member-1\"\n"
        "mean = 0.0\nstd = 1.0\n");
  // 2^28 values: building it would allocate gigabytes; its shape is refused first.
  write(dir / "member-1" / "model.toml", manifest_with("[1, 16384, 16384]", ""));
  test::RecordingLogger log;
  const Registry none;
  CHECK_THROWS_WITH_AS(read_model_bundle(dir, none, log),
                       doctest::Contains("member 'member-1' takes another input shape"),
                       sdk::InputError);
}
