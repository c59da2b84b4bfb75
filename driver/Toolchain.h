//===- Toolchain.h - Where weft finds clang and its files -------*- C++ -*-===//
//
// One rule locates weft's own files: <dir of the weft executable>/../lib/weft.
// It holds in the build tree (build/bin/weft, build/lib/weft/) and in an
// installed prefix alike, and it holds when weft is started through the
// weft-cc / weft-c++ symlinks, because the executable is found through
// /proc/self/exe rather than argv[0]. Clang is the one weft was configured
// with; WEFT_CLANG / WEFT_CLANGXX override it (e.g. to try another build).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_TOOLCHAIN_H
#define WEFT_DRIVER_TOOLCHAIN_H

#include <string>

namespace weft {
namespace driver {

enum class Language { C, CXX };

/// The absolute path of the running weft executable, symlinks resolved.
std::string selfExecutablePath();

/// The directory that holds WeftPass.so, libweft_rt.a and weft_rt.dynlist.
std::string weftLibDir();

/// clang-19 for C, clang++-19 for C++, unless the environment overrides it.
std::string clangPath(Language Lang);

/// The paths of the files in weftLibDir() that -race uses.
std::string passPluginPath(const std::string &LibDir);
std::string runtimeArchivePath(const std::string &LibDir);
std::string runtimeDynamicListPath(const std::string &LibDir);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_TOOLCHAIN_H
