//===- ReplayCommand.cpp - weft replay: run a program under one seed ------===//
//
// `weft replay SEED ./prog args` is `WEFT_SEED=SEED ./prog args` with two
// differences that matter when chasing a failure: the seed is checked before
// anything runs (a typo must not silently explore a different schedule), and
// ASLR is off, so that addresses in the report and in a debugger match from
// one replay to the next. (Schedules never depend on addresses, so replaying
// with ASLR off gives the schedule the seed named with ASLR on.)
//
// weft execs the program in place: its exit status and signals are the
// program's own.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "Process.h"
#include "Seed.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/personality.h>

namespace weft {
namespace driver {

const char ReplayUsage[] =
    R"(usage: weft replay SEED [--] ./prog [args...]

Runs the program under the schedule that SEED names, as printed in a weft
report or by `weft test`: 0x-prefixed hexadecimal (0x5eed1234) or decimal.
Sets WEFT_SEED and disables address-space randomization for the program, so
that the report repeats byte for byte.
)";

int replayCommand(const Invocation &, const std::vector<std::string> &Args) {
  size_t I = 0;
  if (I < Args.size() && (Args[I] == "--help" || Args[I] == "-h")) {
    std::fputs(ReplayUsage, stdout);
    return 0;
  }
  if (I >= Args.size()) {
    error("no seed given");
    note("usage: weft replay SEED [--] ./prog [args...]");
    return ExitUsage;
  }
  // A flag, unless it is a (negative, so invalid) number.
  if (Args[I].size() > 1 && Args[I][0] == '-' &&
      !(Args[I][1] >= '0' && Args[I][1] <= '9')) {
    error("unknown flag '%s'", Args[I]);
    return ExitUsage;
  }
  std::optional<uint64_t> Seed = parseSeed(Args[I]);
  if (!Seed) {
    error("invalid seed '%s': expected a decimal number or 0x followed by "
          "up to 16 hexadecimal digits",
          Args[I]);
    return ExitUsage;
  }
  ++I;
  if (I < Args.size() && Args[I] == "--") {
    ++I;
  } else if (I < Args.size() && Args[I].size() > 1 && Args[I][0] == '-') {
    error("unknown flag '%s'", Args[I]);
    return ExitUsage;
  }
  if (I >= Args.size()) {
    error("no program given");
    note("usage: weft replay SEED [--] ./prog [args...]");
    return ExitUsage;
  }
  std::vector<std::string> Program(Args.begin() + I, Args.end());

  setenv("WEFT_SEED", formatSeed(*Seed).c_str(), /*overwrite=*/1);
  int Persona = personality(0xffffffff);
  if (Persona == -1 || personality(Persona | ADDR_NO_RANDOMIZE) == -1)
    warning("cannot disable address-space randomization: %s",
            std::strerror(errno));
  execProcess(Program);
  int Errno = errno;
  error("cannot execute '%s': %s", Program[0], std::strerror(Errno));
  return execFailureExitCode(Errno);
}

} // namespace driver
} // namespace weft
