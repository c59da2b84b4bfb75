//===- Toolchain.cpp - where weft finds clang, its plugin and runtime -----===//
//
// See Toolchain.h for the lookup rule and why it uses /proc/self/exe.
//
//===----------------------------------------------------------------------===//

#include "Toolchain.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace weft {
namespace driver {

std::string selfExecutablePath() {
  std::error_code EC;
  std::filesystem::path Self =
      std::filesystem::read_symlink("/proc/self/exe", EC);
  if (EC)
    return std::string();
  return Self.string();
}

std::string weftLibDir() {
  std::filesystem::path Self = selfExecutablePath();
  if (Self.empty())
    return std::string();
  return (Self.parent_path().parent_path() / "lib" / "weft")
      .lexically_normal()
      .string();
}

std::string clangPath(Language Lang) {
  const char *Override =
      std::getenv(Lang == Language::C ? "WEFT_CLANG" : "WEFT_CLANGXX");
  if (Override && *Override)
    return Override;
  return Lang == Language::C ? WEFT_DEFAULT_CLANG : WEFT_DEFAULT_CLANGXX;
}

std::string passPluginPath(const std::string &LibDir) {
  return LibDir + "/WeftPass.so";
}

std::string runtimeArchivePath(const std::string &LibDir) {
  return LibDir + "/libweft_rt.a";
}

std::string runtimeDynamicListPath(const std::string &LibDir) {
  return LibDir + "/weft_rt.dynlist";
}

} // namespace driver
} // namespace weft
