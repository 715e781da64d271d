// series_csv: windows, their labels and every malformed file named with its line and column.
#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cstdio>
#include <fstream>

#include "LoadedPlugin.hpp"
#include "autood/sdk/dataset.hpp"
#include "autood/sdk/errors.hpp"

namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = "series_csv_test_" + name + ".csv";
  std::ofstream(path) << text;
  return path;
}

autood::sdk::Dataset load(const std::string& path, std::int64_t window, std::int64_t stride,
                          const std::string& label = "label", const std::string& time = "time") {
  static auto plugin = timeseries::test::load_plugin("series_csv");
  REQUIRE(plugin.Dataset.size() == 1);
  autood::sdk::Params params;
  params.set("path", path);
  params.set("label_column", label);
  params.set("time_column", time);
  params.set("window", window);
  params.set("stride", stride);
  timeseries::test::QuietLogger log;
  return plugin.Dataset[0].create()->load(params, log);
}

// Six steps of two channels; step 3 (0-based) is anomalous.
const char* kSeries =
    "time,a,b,label\n"
    "t0,0,10,0\n"
    "t1,1,11,0\n"
    "t2,2,12,0\n"
    "t3,3,13,1\n"
    "t4,4,14,0\n"
    "t5,5,15,0\n";

doctest::Contains contains(const std::string& text) {
  return doctest::Contains(doctest::String(text.c_str()));
}

}  // namespace

TEST_CASE("series_csv cuts [steps, C] into windows [N, C, L] and labels a window by its steps") {
  auto path = write_file("good", kSeries);
  auto data = load(path, 2, 2);  // windows 0-1, 2-3, 4-5
  REQUIRE((data.samples.sizes() == torch::IntArrayRef{3, 2, 2}));
  CHECK(data.samples[1][0][0].item<float>() == 2.0f);   // window 1, channel a, first step
  CHECK(data.samples[1][1][1].item<float>() == 13.0f);  // window 1, channel b, second step
  CHECK(data.labels.equal(torch::tensor({0, 1, 0}, torch::kLong)));
  CHECK((data.class_names == std::vector<std::string>{"normal", "anomaly"}));

  auto overlapping = load(path, 3, 1);  // starts 0, 1, 2, 3
  REQUIRE(overlapping.samples.size(0) == 4);
  CHECK(overlapping.samples[3][0][2].item<float>() == 5.0f);
  CHECK(overlapping.labels.equal(torch::tensor({0, 1, 1, 1}, torch::kLong)));

  auto defaults = load(path, 4, 0);  // stride 0 is the window: one window, the rest dropped
  CHECK(defaults.samples.size(0) == 1);

  auto unlabelled = load(path, 2, 2, "", "time");  // label is then a channel
  CHECK(unlabelled.samples.size(1) == 3);
  CHECK_FALSE(unlabelled.labels.defined());
  std::remove(path.c_str());
}

TEST_CASE("series_csv refuses malformed files with the file, line and column") {
  auto path = write_file("bad_cell", "time,a,label\n0,1,0\n1,x,0\n");
  CHECK_THROWS_WITH_AS(load(path, 2, 1),
                       contains(path + ":3: column 2 ('a'): 'x' is not a finite number"),
                       autood::sdk::InputError);
  path = write_file("ragged", "time,a,label\n0,1,0\n1,2\n");
  CHECK_THROWS_WITH_AS(load(path, 2, 1), contains(path + ":3: 2 cells, the header has 3"),
                       autood::sdk::InputError);
  path = write_file("no_label", "time,a\n0,1\n1,2\n");
  CHECK_THROWS_WITH_AS(load(path, 2, 1), contains(path + ":1: no column 'label'"),
                       autood::sdk::InputError);
  path = write_file("short", kSeries);
  CHECK_THROWS_WITH_AS(load(path, 7, 1),
                       doctest::Contains("6 steps, fewer than data.source.window = 7"),
                       autood::sdk::InputError);
  path = write_file("empty", "");
  CHECK_THROWS_WITH_AS(load(path, 2, 1), doctest::Contains("empty file"), autood::sdk::InputError);
  path = write_file("header_only", "time,a,label\n");
  CHECK_THROWS_WITH_AS(load(path, 2, 1), doctest::Contains("no data rows"),
                       autood::sdk::InputError);
  path = write_file("no_channels", "time,label\n0,0\n");
  CHECK_THROWS_WITH_AS(load(path, 2, 1), doctest::Contains("no channel columns"),
                       autood::sdk::InputError);
  CHECK_THROWS_WITH_AS(load("no/such/file.csv", 2, 1), doctest::Contains("cannot open"),
                       autood::sdk::InputError);
}

TEST_CASE("series_csv refuses windows that would not fit in memory before allocating them") {
  std::string text = "a\n";
  for (int i = 0; i < 70000; ++i) text += "1\n";
  auto path = write_file("huge", text);
  // 65536 windows of 65536 steps: 2^32 values, refused by count, not by allocation.
  CHECK_THROWS_WITH_AS(load(path, 65536, 1, "", ""), doctest::Contains("exceed 2^28 values"),
                       autood::sdk::InputError);
  std::remove(path.c_str());
}
