//===- Diagnostics.h - weft's error and warning messages --------*- C++ -*-===//
//
// Every message the driver prints about itself goes through here, so that all
// of them share LLVM's diagnostic shape (`weft: error: ...`) and a log parser
// that knows clang's messages knows ours. The exit codes that follow a
// message are here too: 2 for a command line weft cannot understand, 1 for a
// command that was understood but failed.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_DIAGNOSTICS_H
#define WEFT_DRIVER_DIAGNOSTICS_H

#include "absl/strings/str_format.h"

#include <cstdio>
#include <string>
#include <vector>

namespace weft {
namespace driver {

/// Exit code for a command line that weft cannot understand.
constexpr int ExitUsage = 2;
/// Exit code for a command that weft understood but that failed.
constexpr int ExitFailure = 1;

template <typename... Args>
void error(const absl::FormatSpec<Args...> &Format, const Args &...Values) {
  std::string Message = absl::StrFormat(Format, Values...);
  std::fflush(stdout);
  std::fprintf(stderr, "weft: error: %s\n", Message.c_str());
}

template <typename... Args>
void warning(const absl::FormatSpec<Args...> &Format, const Args &...Values) {
  std::string Message = absl::StrFormat(Format, Values...);
  std::fflush(stdout);
  std::fprintf(stderr, "weft: warning: %s\n", Message.c_str());
}

/// A follow-up line to an error, e.g. where to read the usage.
template <typename... Args>
void note(const absl::FormatSpec<Args...> &Format, const Args &...Values) {
  std::string Message = absl::StrFormat(Format, Values...);
  std::fprintf(stderr, "weft: note: %s\n", Message.c_str());
}

/// For a command's argument loop: whether the flag \p Args[I] has the
/// (nonempty) value it takes after it; says so if not.
inline bool hasFlagValue(const std::vector<std::string> &Args, size_t I) {
  if (I + 1 < Args.size() && !Args[I + 1].empty())
    return true;
  error("missing value for '%s'", Args[I]);
  return false;
}

/// For a command's argument loop, after its own flags: whether \p Arg looks
/// like a flag, one `weft <Command>` does not know; says so if it does.
inline bool unknownFlag(const std::string &Arg, const char *Command) {
  if (Arg.size() <= 1 || Arg[0] != '-')
    return false;
  error("unknown flag '%s'", Arg);
  note("see 'weft help %s'", Command);
  return true;
}

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_DIAGNOSTICS_H
