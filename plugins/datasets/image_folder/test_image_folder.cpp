#include <doctest/doctest.h>
#include <torch/torch.h>

#include "DataSupport.hpp"
#include "ImageWriter.hpp"
#include "TestSupport.hpp"
#include "autood/sdk/dataset.hpp"

using namespace autood;
using namespace autood::test;
namespace fs = std::filesystem;

TEST_CASE("image_folder: PNG and JPEG, grey or RGB, resized, labels from sub-folders") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("image-folder");
  test::Pixels white(3, 6, 8, 255), red(3, 6, 8, 0);
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c < 8; ++c) red.at(r, c, 0) = 255;
  test::write_png(dir / "cats/a.png", white);
  test::write_png(dir / "cats/b.png", red);
  test::write_jpeg(dir / "dogs/c.jpg", white);

  auto grey = load_with(loaded->registry, "image_folder", image_options(dir, 4, 1));
  REQUIRE(grey.samples.sizes() == torch::IntArrayRef({3, 1, 4, 4}));
  CHECK(grey.labels.equal(torch::tensor({0, 0, 1}, torch::kLong)));
  CHECK(grey.class_names == std::vector<std::string>{"cats", "dogs"});
  CHECK(grey.samples[0].min().item<float>() == doctest::Approx(1.0));
  // RGB becomes grey with the ITU weights (77, 150, 29) / 256: pure red is 77/256 -> 76.
  CHECK(grey.samples[1].mean().item<float>() == doctest::Approx(76.0 / 255).epsilon(0.01));
  CHECK(grey.samples[2].mean().item<float>() ==
        doctest::Approx(1.0).epsilon(0.02));  // JPEG is lossy

  auto rgb = load_with(loaded->registry, "image_folder", image_options(dir, 6, 3));
  REQUIRE(rgb.samples.sizes() == torch::IntArrayRef({3, 3, 6, 6}));
  CHECK(rgb.samples[1][0].min().item<float>() == doctest::Approx(1.0));
  CHECK(rgb.samples[1][1].max().item<float>() == doctest::Approx(0.0));
}

TEST_CASE("bad images and folders are errors naming the file or folder") {
  auto loaded = test::load({test::builtin_plugins()});
  auto dir = test::temp_dir("bad-images");
  write_text(dir / "broken/class/x.png", "\x89PNG\r\n\x1a\n this is not a PNG body");
  auto message = load_error(loaded->registry, "image_folder", image_options(dir / "broken", 4, 1));
  CHECK(test::contains(message,
                       (dir / "broken/class/x.png").string() + ": byte 8: chunk 's is' claims"));
  CHECK(test::contains(message, "the image is not decoded"));
  // A real PNG cut short: the fault is placed at the chunk the file ends in.
  test::write_png(dir / "cut/class/y.png", test::Pixels(1, 8, 8, 100));
  auto size = fs::file_size(dir / "cut/class/y.png");
  fs::resize_file(dir / "cut/class/y.png", size - 20);
  auto cut = load_error(loaded->registry, "image_folder", image_options(dir / "cut", 4, 1));
  CHECK(test::contains(cut, "y.png: byte 33: chunk 'IDAT' claims"));
  // One flipped byte inside the pixels: stb_image used to decode it; the CRC refuses it.
  test::write_png(dir / "flip/class/z.png", test::Pixels(1, 8, 8, 100));
  auto flip = read_text(dir / "flip/class/z.png");
  flip[33 + 8 + 2] = static_cast<char>(flip[33 + 8 + 2] ^ 0x40);
  write_text(dir / "flip/class/z.png", flip);
  CHECK(test::contains(
      load_error(loaded->registry, "image_folder", image_options(dir / "flip", 4, 1)),
      "z.png: byte 33: chunk 'IDAT' fails its CRC; the image is not decoded"));
  // A JPEG cut short (a broken download) has no end-of-image marker.
  test::write_jpeg(dir / "jcut/class/w.jpg", test::Pixels(3, 16, 16, 200));
  fs::resize_file(dir / "jcut/class/w.jpg", fs::file_size(dir / "jcut/class/w.jpg") - 10);
  CHECK(test::contains(
      load_error(loaded->registry, "image_folder", image_options(dir / "jcut", 4, 1)),
      "w.jpg: byte "));
  CHECK(test::contains(
      load_error(loaded->registry, "image_folder", image_options(dir / "jcut", 4, 1)),
      "the file ends before the JPEG end-of-image marker"));
  // Neither signature, whatever the name says.
  write_text(dir / "fake/class/v.png", "GIF89a not an image autood reads");
  CHECK(test::contains(
      load_error(loaded->registry, "image_folder", image_options(dir / "fake", 4, 1)),
      "v.png: byte 0: neither a PNG nor a JPEG signature"));

  fs::create_directories(dir / "empty/class");
  CHECK(test::contains(
      load_error(loaded->registry, "image_folder", image_options(dir / "empty", 4, 1)),
      (dir / "empty/class").string() + ": the folder holds no PNG or JPEG image"));
  CHECK(test::contains(
      load_error(loaded->registry, "image_folder", image_options(dir / "nowhere", 4, 1)),
      "nowhere: no such folder"));

  // MVTec: no train/good, then a mask whose size differs from its image.
  write_mvtec(dir / "cat", 16, 2, 1, 1);
  fs::remove_all(dir / "cat/train");
  CHECK(test::contains(
      load_error(loaded->registry, "mvtec", image_options(dir / "cat", 16, 1)),
      (dir / "cat/train/good").string() + ": missing; an MVTec AD category needs train/good"));
  write_mvtec(dir / "cat2", 16, 2, 1, 1);
  test::write_png(dir / "cat2/ground_truth/scratch/000_mask.png", test::Pixels(1, 12, 16));
  CHECK(test::contains(load_error(loaded->registry, "mvtec", image_options(dir / "cat2", 16, 1)),
                       "000_mask.png: the mask is 16x12 pixels but its image " +
                           (dir / "cat2/test/scratch/000.png").string() + " is 16x16"));
}
