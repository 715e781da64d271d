#include <doctest/doctest.h>
#include <torch/torch.h>
#include <zlib.h>

#include <fstream>

#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"
#include "config/Config.hpp"

using namespace autood;

namespace {

// An IDX file of unsigned bytes: magic 00 00 08 <ndims>, big-endian sizes, then the data.
std::string idx_bytes(const std::vector<std::uint32_t>& dims,
                      const std::vector<std::uint8_t>& data) {
  std::string bytes{'\0', '\0', '\x08', static_cast<char>(dims.size())};
  for (auto d : dims)
    for (int shift : {24, 16, 8, 0}) bytes.push_back(static_cast<char>((d >> shift) & 0xff));
  bytes.append(data.begin(), data.end());
  return bytes;
}

std::string write_plain(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

std::string write_gzip(const std::filesystem::path& path, const std::string& bytes) {
  gzFile file = gzopen(path.string().c_str(), "wb");
  gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(file);
  return path.string();
}

sdk::Dataset load_idx(const Registry& registry, const std::string& images,
                      const std::string& labels) {
  const auto& choice = registry.get<sdk::DatasetChoice>("idx");
  RawOptions raw{{"images", {images, "test"}}, {"labels", {labels, "test"}}};
  auto params = resolve_options(choice.params, raw, "data.source");
  test::RecordingLogger log;
  return choice.create()->load(params, log);
}

std::string load_error(const Registry& registry, const std::string& images,
                       const std::string& labels) {
  try {
    load_idx(registry, images, labels);
  } catch (const sdk::InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("idx reads images and labels, gzipped or plain") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("idx");
  std::vector<std::uint8_t> pixels{0, 255, 51, 102, 10, 20, 30, 40};  // 2 images of 2x2
  auto images = idx_bytes({2, 2, 2}, pixels);
  auto labels = idx_bytes({2}, {7, 3});
  for (bool gz : {false, true}) {
    CAPTURE(gz);
    auto write = gz ? write_gzip : write_plain;
    auto data = load_idx(loaded->registry, write(dir / (gz ? "i.gz" : "i"), images),
                         write(dir / (gz ? "l.gz" : "l"), labels));
    REQUIRE(data.samples.sizes() == torch::IntArrayRef({2, 1, 2, 2}));
    CHECK(data.samples[0][0][0][1].item<float>() == doctest::Approx(1.0));
    CHECK(data.samples[0][0][1][0].item<float>() == doctest::Approx(0.2));
    CHECK(data.labels[0].item<std::int64_t>() == 7);
    CHECK(data.labels[1].item<std::int64_t>() == 3);
  }
}

TEST_CASE("a truncated idx file or a wrong magic is an error with the file and byte offset") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("idx-bad");
  auto full = idx_bytes({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  auto truncated = write_gzip(dir / "truncated.gz", full.substr(0, full.size() - 3));
  auto message = load_error(loaded->registry, truncated, "");
  CHECK(test::contains(message, truncated + ": byte 21: truncated"));
  CHECK(test::contains(message, "promises 8 data bytes, the file has 5"));

  auto bad_magic = write_plain(dir / "magic", std::string("\x00\x00\x0d\x03", 4) + full.substr(4));
  CHECK(test::contains(load_error(loaded->registry, bad_magic, ""),
                       bad_magic + ": byte 0: bad IDX magic 00 00 0d 03"));

  auto header = write_plain(dir / "header", full.substr(0, 9));
  CHECK(test::contains(load_error(loaded->registry, header, ""),
                       header + ": byte 8: file ends inside the header"));

  auto good = write_plain(dir / "good", full);
  auto labels = write_plain(dir / "labels", idx_bytes({3}, {1, 2, 3}));
  CHECK(test::contains(load_error(loaded->registry, good, labels), "has 3 labels for 2 images"));
  CHECK(
      test::contains(load_error(loaded->registry, (dir / "missing").string(), ""), "cannot open"));
}

TEST_CASE("an idx header is checked against the bytes present before anything is allocated") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("idx-header");
  // 2^31 images of 1x1: a plain file is refused from its size, before any allocation.
  auto claims = idx_bytes({0x80000000u, 1, 1}, {1, 2, 3});
  auto plain = write_plain(dir / "claims", claims);
  CHECK(test::contains(load_error(loaded->registry, plain, ""),
                       plain + ": byte 19: truncated: the header promises 2147483648 data bytes, "
                               "the file has 3"));
  // Gzipped, the size is unknown until read: memory follows the data, so this ends at once.
  auto gz = write_gzip(dir / "claims.gz", claims);
  CHECK(test::contains(load_error(loaded->registry, gz, ""),
                       gz + ": byte 19: truncated: the header promises 2147483648 data bytes"));
  // 2^32-1 in each of four dimensions: a product that would overflow 64 bits is refused early.
  auto overflow = write_plain(dir / "overflow",
                              idx_bytes({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {}));
  CHECK(
      test::contains(load_error(loaded->registry, overflow, ""),
                     overflow + ": byte 8: the dimensions claim more than 17179869184 data bytes"));
  // A product that fits 64 bits but is beyond any real image set is refused the same way.
  auto huge = write_plain(dir / "huge", idx_bytes({0x10000u, 0x10000u, 0x10u}, {}));
  CHECK(test::contains(load_error(loaded->registry, huge, ""),
                       huge + ": byte 12: the dimensions claim more than"));
}
