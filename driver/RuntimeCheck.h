//===- RuntimeCheck.h - Does a program carry weft's runtime? ----*- C++ -*-===//
//
// `weft test` on a program built without -race would run it N times, find
// nothing, and say "0 failed": a verdict about a program that was never
// checked. So before the first schedule it looks for weft's runtime in the
// program file. Only what can be known from files is judged: an ELF
// executable either defines or references `__weft_init` (the runtime's
// entry point, exported from every -race program) or it does not; a
// script could start anything, so it is not judged here (weft test then
// looks at what its first schedule ran, weft/test_channel.h).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_RUNTIMECHECK_H
#define WEFT_DRIVER_RUNTIMECHECK_H

#include "absl/types/span.h"

#include <string>

namespace weft {
namespace driver {

enum class RuntimeCheck {
  Present,   // the program (or a program named in its arguments) has it
  Missing,   // an ELF executable without it
  Unknown,   // not found, not readable, or not ELF (a script)
};

/// Looks for weft's runtime in Program[0] (searched in PATH like exec).
/// When Program[0] is an ELF file without it, the programs a launcher's
/// arguments name (`env X=1 ./prog`, `timeout 5 ./prog`, the words of `sh
/// -c './prog; echo done'`) are looked at too: one with the runtime makes
/// it Present, a file that is not ELF among them (a script) Unknown.
/// \p Path is set to the file judged.
RuntimeCheck checkWeftRuntime(absl::Span<const std::string> Program,
                              std::string &Path);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_RUNTIMECHECK_H
