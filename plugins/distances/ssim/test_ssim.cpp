#include <doctest/doctest.h>
#include <torch/torch.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "TestSupport.hpp"
#include "autood/sdk/distance.hpp"

TEST_CASE("ssim agrees with scikit-image's structural_similarity on the committed fixture") {
  auto loaded = autood::test::load({autood::test::builtin_plugins()});
  auto ssim = loaded->registry.get<autood::sdk::DistanceChoice>("ssim").create();
  std::ifstream in(std::filesystem::path(__FILE__).parent_path() / "ssim_skimage.json");
  REQUIRE(in);
  auto cases = nlohmann::json::parse(in);
  REQUIRE(cases.size() == 4);
  for (const auto& c : cases) {
    CAPTURE(c["name"].get<std::string>());
    std::vector<std::int64_t> shape{1};
    for (auto d : c["shape"]) shape.push_back(d.get<std::int64_t>());
    auto x = torch::tensor(c["x"].get<std::vector<double>>(), torch::kDouble).view(shape);
    auto y = torch::tensor(c["y"].get<std::vector<double>>(), torch::kDouble).view(shape);
    double expected = 1.0 - c["ssim"].get<double>();
    CHECK(ssim->per_sample(x, y).item<double>() == doctest::Approx(expected).epsilon(1e-9));
    // Symmetric in its arguments, zero for identical images, and a map of the image's size.
    CHECK(ssim->per_sample(y, x).item<double>() == doctest::Approx(expected).epsilon(1e-9));
    CHECK(ssim->per_sample(x, x).item<double>() == doctest::Approx(0.0));
    CHECK(ssim->per_pixel(x, y).sizes() == torch::IntArrayRef({1, shape[2], shape[3]}));
  }
}
