//===- CompileCommand.cpp - weft cc / weft c++ ----------------------------===//
//
// Replaces weft by clang: nothing of weft stays in the process, so clang's
// exit status, signals and output are exactly what the build system sees.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "CompilerInvocation.h"
#include "Diagnostics.h"
#include "Process.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace weft {
namespace driver {

const char CompileUsage[] =
    R"(usage: weft cc [-race] [clang arguments...]
       weft c++ [-race] [clang++ arguments...]
       weft-cc / weft-c++ [-race] [arguments...]

A drop-in for clang-19 / clang++-19. Started as weft-cc or weft-c++, -race is
implied (those names exist to be CC and CXX). `weft cc` without -race passes
the arguments to clang unchanged, except that it refuses to link an
executable from objects compiled with -race (they need weft's runtime). With -race, weft instruments the code and links its runtime:
  compiling:  -fpass-plugin=<lib>/WeftPass.so -gline-tables-only (unless a -g
              flag is given) -fno-omit-frame-pointer -D__WEFT__=1
  linking:    the weft runtime, whole-archive, with its dynamic symbol list
              (not with -shared: the executable provides the runtime)
Objects compiled with `weft cc -race -c` link with `weft cc -race a.o b.o`.
In a build system:  CC=weft-cc CXX=weft-c++  (or CC="weft cc -race" ...).

Environment: WEFT_CLANG / WEFT_CLANGXX name another clang to run.
)";

int compileCommand(Language Lang, const std::vector<std::string> &Args) {
  CompilerInvocation CI = CompilerInvocation::parse(Lang, Args);
  if (CI.conflictingSanitizer()) {
    error("'-race' cannot be combined with '%s': weft replaces the sanitizer "
          "runtime",
          *CI.conflictingSanitizer());
    return ExitUsage;
  }
  if (std::optional<std::string> Input = CI.raceInputWithoutRace()) {
    error("'%s' was compiled with -race; add -race to the link command (or "
          "link with weft-cc / weft-c++)",
          *Input);
    return ExitFailure;
  }
  std::string LibDir = weftLibDir();
  for (const std::string &File : CI.requiredWeftFiles(LibDir)) {
    if (access(File.c_str(), R_OK) != 0) {
      error("cannot find '%s' (%s); -race needs weft's plugin and runtime "
            "in %s",
            File, std::strerror(errno), LibDir);
      return ExitFailure;
    }
  }
  std::vector<std::string> Command = CI.clangCommand(LibDir);
  execProcess(Command);
  int Errno = errno;
  error("cannot execute '%s': %s", Command[0], std::strerror(Errno));
  return execFailureExitCode(Errno);
}

} // namespace driver
} // namespace weft
