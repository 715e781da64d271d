#pragma once
// Loading through the built-in dataset plugins, and writing the files they read, for the loaders'
// own tests and the protocol tests.
#include <torch/torch.h>

#include <filesystem>
#include <string>

#include "autood/sdk/dataset.hpp"
#include "autood/sdk/generator.hpp"
#include "config/Config.hpp"
#include "plugin/Registry.hpp"

namespace autood::test {

// The loader's data for these options (defaults filled in), as the host loads it.
sdk::Dataset load_with(const Registry& registry, const std::string& loader,
                       const RawOptions& options);

// The InputError the loader gives for these options, or "" if it loads.
std::string load_error(const Registry& registry, const std::string& loader,
                       const RawOptions& options);

// The generator's anomalies made from `normal` with these options, as the host makes them.
sdk::Anomalies generate_with(const Registry& registry, const std::string& generator,
                             const RawOptions& options, const at::Tensor& normal,
                             std::uint64_t seed = 0);

// The InputError the generator gives, or "" if it makes its anomalies.
std::string generate_error(const Registry& registry, const std::string& generator,
                           const RawOptions& options, const at::Tensor& normal);

// image_folder and mvtec options: the folder, a square size, and the channels.
RawOptions image_options(const std::filesystem::path& path, std::int64_t size,
                         std::int64_t channels);

// A small MVTec AD category: smooth normal images; defective ones carry a bright square, and
// its mask marks exactly that square.
void write_mvtec(const std::filesystem::path& root, int size, int train, int good, int defective);

void write_text(const std::filesystem::path& file, const std::string& text);
std::string read_text(const std::filesystem::path& file);

}  // namespace autood::test
