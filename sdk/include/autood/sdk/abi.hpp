#pragma once
#include <torch/version.h>

#define AUTOOD_STRINGIFY_(x) #x
#define AUTOOD_STRINGIFY(x) AUTOOD_STRINGIFY_(x)

#if defined(__clang__)
#define AUTOOD_COMPILER_KEY "clang-" AUTOOD_STRINGIFY(__clang_major__)
#elif defined(__GNUC__)
#define AUTOOD_COMPILER_KEY "gcc-" AUTOOD_STRINGIFY(__GNUC__)
#else
#define AUTOOD_COMPILER_KEY "unknown-compiler"
#endif

// What a plugin must share with the host beyond the SDK's own ABI: the compiler family, the
// libstdc++ string ABI and the LibTorch version. It is expanded when the plugin is compiled.
#define AUTOOD_BUILD_KEY \
  AUTOOD_COMPILER_KEY ";cxx11abi-" AUTOOD_STRINGIFY(_GLIBCXX_USE_CXX11_ABI) ";torch" \
                                                                            "-" TORCH_VERSION

namespace autood::sdk {

// Major changes break plugins; a minor bump only adds, so a host accepts plugins whose minor is
// not newer than its own.
inline constexpr int kAbiMajor = 4;  // 4: ParamSpec holds min and max
inline constexpr int kAbiMinor = 0;

}  // namespace autood::sdk
