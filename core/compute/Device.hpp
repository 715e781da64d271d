#pragma once
#include <c10/core/Device.h>

#include <string>

namespace autood {

// "auto" picks CUDA when LibTorch sees a GPU, the CPU otherwise.
c10::Device resolve_device(const std::string& name);

// Intra-op threads for LibTorch: `threads`, or every core when it is 0. LibTorch starts with
// one thread on these machines.
void configure_threads(std::int64_t threads);

}  // namespace autood
