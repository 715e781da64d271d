#pragma once
// One image file as a float tensor [C, H, W] in [0, 1].
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <filesystem>

namespace autood::datasets {

// The largest image file read (256 MiB); ImageDecode.cpp bounds each decoded side to 16384, so a
// forged header cannot make a loader allocate more than about 1 GiB.
inline constexpr std::uintmax_t kMaxImageFileBytes = std::uintmax_t{256} << 20;

// Checks the file's structure (ImageIntegrity.hpp) before decoding it: a corrupt file is refused.
// channels 1 gives grey (RGB averaged), 3 gives RGB (grey replicated); alpha is dropped.
// Throws sdk::InputError naming the file, and the byte where it can, when it is not whole.
at::Tensor read_image(const std::filesystem::path& file, std::int64_t channels);

// Bilinear resize of [C, H, W] (or nearest, for masks); a no-op when the size already matches.
at::Tensor resize_image(const at::Tensor& image, std::int64_t height, std::int64_t width,
                        bool nearest = false);

}  // namespace autood::datasets
