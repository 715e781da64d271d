#include <doctest/doctest.h>
#include <torch/torch.h>

#include <fstream>
#include <limits>

#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"

using namespace autood;

namespace {

// Files that NumPy wrote (scripts/make_npy_fixtures.py).
std::string fixture(const std::string& name) {
  return (test::source_fixtures() / "npy" / name).string();
}

sdk::Dataset load_npy(const Registry& registry, const std::string& path,
                      const std::string& labels = "", std::int64_t limit = 0) {
  const auto& choice = registry.get<sdk::DatasetChoice>("npy");
  RawOptions raw{
      {"path", {path, "test"}}, {"labels", {labels, "test"}}, {"limit", {limit, "test"}}};
  auto params = resolve_options(choice.params, raw, "data.source");
  test::RecordingLogger log;
  return choice.create()->load(params, log);
}

std::string load_error(const Registry& registry, const std::string& path,
                       const std::string& labels = "") {
  try {
    load_npy(registry, path, labels);
  } catch (const sdk::InputError& error) {
    return error.what();
  }
  return "";
}

// A version 1.0 file written here, byte by byte: magic, version, little-endian header length,
// the dict padded with spaces and a newline, then the data.
std::string npy_bytes(const std::string& dict, const std::string& data) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header + data;
}

std::string write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

}  // namespace

TEST_CASE("npy reads what NumPy wrote: grey and colour images, tables, labels, version 2") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& registry = loaded->registry;
  // np.arange(12).reshape(3, 2, 2) / 8 - 0.5, float64: grey images get their channel.
  auto grey = load_npy(registry, fixture("grey-f8.npy"), fixture("labels-i8.npy"));
  REQUIRE(grey.samples.sizes() == torch::IntArrayRef({3, 1, 2, 2}));
  CHECK(grey.samples[1][0][0][1].item<float>() == 5.0f / 8 - 0.5f);
  CHECK(grey.samples[2][0][1][1].item<float>() == 11.0f / 8 - 0.5f);
  REQUIRE(grey.labels.sizes() == torch::IntArrayRef({3}));
  CHECK(grey.labels[0].item<std::int64_t>() == 2);
  CHECK(grey.labels[2].item<std::int64_t>() == 1);
  // The same values as big-endian float32, three channels.
  auto rgb = load_npy(registry, fixture("rgb-big-endian-f4.npy"));
  REQUIRE(rgb.samples.sizes() == torch::IntArrayRef({3, 3, 2, 2}));
  CHECK(torch::equal(rgb.samples.select(1, 2), grey.samples.select(1, 0)));
  CHECK(!rgb.labels.defined());
  // uint8 as stored, not scaled.
  auto table = load_npy(registry, fixture("table-u1.npy"));
  REQUIRE(table.samples.sizes() == torch::IntArrayRef({2, 3}));
  CHECK(table.samples[0][1].item<float>() == 255.0f);
  CHECK(table.samples[1][2].item<float>() == 3.0f);
  auto v2 = load_npy(registry, fixture("version-2.npy"));
  REQUIRE(v2.samples.sizes() == torch::IntArrayRef({1, 2}));
  CHECK(v2.samples[0][0].item<float>() == 1.5f);
  CHECK(v2.samples[0][1].item<float>() == -2.0f);
  // limit keeps the first samples, and their labels.
  auto two = load_npy(registry, fixture("grey-f8.npy"), fixture("labels-i8.npy"), 2);
  CHECK(two.samples.size(0) == 2);
  CHECK(two.labels.size(0) == 2);
}

TEST_CASE("npy decodes the bytes of a file written by hand") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("npy-hand");
  // int16 little-endian: 0xfffe is -2, 0x0102 is 258.
  auto path =
      write(dir / "i2.npy", npy_bytes("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 2), }",
                                      std::string("\xfe\xff\x02\x01\x00\x00\x01\x00", 8)));
  auto data = load_npy(loaded->registry, path);
  REQUIRE(data.samples.sizes() == torch::IntArrayRef({2, 2}));
  CHECK(data.samples[0][0].item<float>() == -2.0f);
  CHECK(data.samples[0][1].item<float>() == 258.0f);
  CHECK(data.samples[1][1].item<float>() == 1.0f);
  // Keys in another order, double quotes, no trailing comma.
  auto other = write(dir / "order.npy",
                     npy_bytes(R"({"shape": (1, 1), "fortran_order": False, "descr": "|u1"})",
                               std::string("\x07", 1)));
  CHECK(load_npy(loaded->registry, other).samples[0][0].item<float>() == 7.0f);
}

TEST_CASE("a bad npy file names the file, the byte and the reason") {
  auto loaded = test::load({test::builtin_plugins()});
  const auto& registry = loaded->registry;
  auto dir = test::temp_dir("npy-bad");
  auto error = [&](const std::string& path, const std::string& labels = "") {
    return load_error(registry, path, labels);
  };
  CHECK(test::contains(error(fixture("fortran.npy")),
                       "fortran.npy: byte 10: the array is in Fortran order"));
  CHECK(test::contains(error(fixture("objects.npy")),
                       "dtype '|O' is not a number type autood reads"));
  CHECK(test::contains(error(fixture("table-u1.npy"), fixture("labels-i8.npy")),
                       "labels-i8.npy: has shape (3,); the labels of the 2 samples in"));
  CHECK(test::contains(error(fixture("labels-i8.npy")),
                       "has shape (3,); samples are (n, features), (n, H, W) or (n, C, H, W)"));
  CHECK(test::contains(error(fixture("grey-f8.npy"), fixture("grey-f8.npy")),
                       "grey-f8.npy: has shape (3, 2, 2); the labels"));

  std::ifstream in(fixture("grey-f8.npy"), std::ios::binary);
  std::string full((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto cut = write(dir / "cut.npy", full.substr(0, full.size() - 3));
  CHECK(test::contains(error(cut),
                       "cut.npy: byte 128: the header promises 96 data bytes, the file has 93"));
  CHECK(test::contains(error(write(dir / "text.npy", "a,b\n1,2\n")),
                       "text.npy: byte 0: not a .npy file"));
  CHECK(test::contains(error((dir / "missing.npy").string()), "cannot open"));
  // A shape that claims more than the file holds is refused from the file's size, before
  // anything of that size is allocated; one past 2^31 values is refused from the header.
  auto claims = write(
      dir / "claims.npy",
      npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 1000), }", "abcd"));
  CHECK(test::contains(error(claims), "the header promises 400000000 data bytes, the file has 4"));
  auto huge =
      write(dir / "huge.npy",
            npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483648, 2), }", ""));
  CHECK(test::contains(error(huge), "the shape claims more than 2147483648 values"));
  auto broken = write(dir / "broken.npy", npy_bytes("{'descr': '<f4', 'shape': (1,", ""));
  CHECK(test::contains(error(broken), "broken.npy: byte "));
  // A NaN is named by its sample.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::string values(8, '\0');
  std::memcpy(&values[4], &nan, 4);
  auto with_nan =
      write(dir / "nan.npy",
            npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), }", values));
  CHECK(test::contains(error(with_nan), "nan.npy: value 1 (of sample 1) is not a finite number"));
}
