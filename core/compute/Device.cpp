#include "compute/Device.hpp"

#include <dlfcn.h>
#include <torch/torch.h>

#include <thread>

#include "autood/sdk/errors.hpp"

namespace autood {

c10::Device resolve_device(const std::string& name) {
  bool cuda = torch::cuda::is_available();
  if (name == "cuda" && !cuda)
    throw sdk::InputError("train.device is 'cuda' but LibTorch sees no GPU");
  if (name == "cuda" || (name == "auto" && cuda)) return c10::Device(c10::kCUDA);
  return c10::Device(c10::kCPU);
}

void configure_threads(std::int64_t threads) {
  int count = threads > 0 ? static_cast<int>(threads)
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(count);
  // OpenBLAS (LibTorch's matmul here) keeps a pool of its own that at::set_num_threads does not
  // reach; looked up at run time, so that a LibTorch on another BLAS needs nothing.
  using SetThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetThreads>(::dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    set(count);
}

}  // namespace autood
