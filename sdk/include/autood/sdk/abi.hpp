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

// The SDK's ABI version, which every plugin's descriptor carries. A host loads a plugin whose
// major equals its own and whose minor is not newer than its own.
//
// Bump the MAJOR (and reset the minor) for any change that a plugin built before it could
// misread, which is any change to what crosses the boundary:
//   - a field added, removed, retyped or reordered in a struct passed by value or reference
//     (PluginDescriptor, the *Choice descriptions, ParamSpec, Params, Value, Shape, OpDecision,
//     the contexts, Encoded, Dataset, Architecture);
//   - a virtual function added anywhere but at the end of a class, removed, reordered or given
//     another signature (Registrar, Logger, Block, LayerOp, Hypothesis, Distance, Controller,
//     DatasetLoader, AnomalyGenerator), or an interface's base class changed;
//   - an exported function of libautood_sdk removed or given another signature;
//   - an enumerator of Kind or Role removed or renumbered.
// Bump only the MINOR for additions that old plugins never see and new plugins only use on a
// host that has them:
//   - a new exported function, a new header, a new interface class;
//   - a virtual function appended at the end of a class that plugins call but do not implement
//     (the Registrar: so a new plugin kind, appended at the end of AUTOOD_PLUGIN_KINDS, is a minor
//     bump, while a new pure virtual in an interface that plugins implement is a major one);
//   - an enumerator appended at the end of an enum.
// Nothing in plugins/support (the plugin kit) counts: it is linked statically into each plugin.
// The build key (AUTOOD_BUILD_KEY above) covers what the ABI number cannot: the compiler, the
// C++ library's ABI and the LibTorch version.
// 7: the generator kind; Registrar::log() moved before the add() overloads.
inline constexpr int kAbiMajor = 7;
inline constexpr int kAbiMinor = 0;

}  // namespace autood::sdk
