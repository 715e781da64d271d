#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"

using namespace autood;
using namespace autood::test;
namespace fs = std::filesystem;

TEST_CASE("csv: features and labels, and a ragged row or a non-number names the line") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("csv");
  write_text(dir / "good.csv", "a,b,label\n1.5,2,x\n-3,4e1,y\n0,0,x\n");
  auto data = load_with(loaded->registry, "csv", {{"path", {(dir / "good.csv").string(), "test"}}});
  REQUIRE(data.samples.sizes() == torch::IntArrayRef({3, 2}));
  CHECK(data.samples[1][1].item<float>() == 40.0f);
  CHECK(data.labels.equal(torch::tensor({0, 1, 0}, torch::kLong)));
  CHECK(data.class_names == std::vector<std::string>{"x", "y"});

  write_text(dir / "ragged.csv", "a,b,label\n1,2,x\n3,x\n");
  CHECK(test::contains(
      load_error(loaded->registry, "csv", {{"path", {(dir / "ragged.csv").string(), "test"}}}),
      (dir / "ragged.csv").string() + ":3: 2 cells, the header has 3"));
  write_text(dir / "text.csv", "a,b,label\n1,abc,x\n");
  CHECK(test::contains(
      load_error(loaded->registry, "csv", {{"path", {(dir / "text.csv").string(), "test"}}}),
      (dir / "text.csv").string() + ":2: column 2 ('b'): 'abc' is not a finite number"));
  CHECK(test::contains(load_error(loaded->registry, "csv",
                                  {{"path", {(dir / "good.csv").string(), "test"}},
                                   {"label_column", {std::string("class"), "test"}}}),
                       ":1: no column 'class'"));
}
