#include "DataSupport.hpp"

#include <fstream>
#include <random>

#include "ImageWriter.hpp"
#include "autood/sdk/errors.hpp"
#include "data/SyntheticOutliers.hpp"
#include "log/Logging.hpp"
#include "plugin/OptionCheck.hpp"

namespace autood::test {

sdk::Dataset load_with(const Registry& registry, const std::string& loader,
                       const RawOptions& options) {
  const auto& choice = registry.get<sdk::DatasetChoice>(loader);
  return choice.create()->load(resolve_options(choice.params, options, "data.source"),
                               host_logger());
}

std::string load_error(const Registry& registry, const std::string& loader,
                       const RawOptions& options) {
  try {
    load_with(registry, loader, options);
  } catch (const sdk::InputError& error) {
    return error.what();
  }
  return "";
}

sdk::Anomalies generate_with(const Registry& registry, const std::string& generator,
                             const RawOptions& options, const at::Tensor& normal,
                             std::uint64_t seed) {
  return generate_checked(configure_generator(registry, generator, options), normal, seed,
                          host_logger());
}

std::string generate_error(const Registry& registry, const std::string& generator,
                           const RawOptions& options, const at::Tensor& normal) {
  try {
    generate_with(registry, generator, options, normal);
  } catch (const sdk::InputError& error) {
    return error.what();
  }
  return "";
}

RawOptions image_options(const std::filesystem::path& path, std::int64_t size,
                         std::int64_t channels) {
  return {{"path", {path.string(), "test"}},
          {"size", {std::vector<std::int64_t>{size, size}, "test"}},
          {"channels", {channels, "test"}}};
}

void write_mvtec(const std::filesystem::path& root, int size, int train, int good, int defective) {
  std::mt19937 rng(5);
  auto normal_image = [&] {
    test::Pixels p(1, size, size);
    for (int r = 0; r < size; ++r)
      for (int c = 0; c < size; ++c)
        p.at(r, c) = static_cast<std::uint8_t>(60 + 4 * r + 2 * c + rng() % 8);
    return p;
  };
  for (int i = 0; i < train; ++i)
    test::write_png(root / "train/good" / (std::to_string(i) + ".png"), normal_image());
  for (int i = 0; i < good; ++i)
    test::write_png(root / "test/good" / (std::to_string(i) + ".png"), normal_image());
  for (int i = 0; i < defective; ++i) {
    auto image = normal_image();
    test::Pixels mask(1, size, size);
    const int top = 2 + static_cast<int>(rng() % (size - 6)),
              left = 2 + static_cast<int>(rng() % (size - 6));
    for (int r = top; r < top + 4; ++r)
      for (int c = left; c < left + 4; ++c) image.at(r, c) = 250, mask.at(r, c) = 255;
    const auto name = "00" + std::to_string(i);
    test::write_png(root / "test/scratch" / (name + ".png"), image);
    test::write_png(root / "ground_truth/scratch" / (name + "_mask.png"), mask);
  }
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace autood::test
