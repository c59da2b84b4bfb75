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
// program's own. With --html it runs the program as a child instead, with
// the runtime's trace on, prints its output when it ends, draws the
// timeline (Html.cpp) and exits with the program's status.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "Failure.h"
#include "Process.h"
#include "Results.h"
#include "Seed.h"
#include "Timeline.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/personality.h>
#include <unistd.h>

namespace weft {
namespace driver {

const char ReplayUsage[] =
    R"(usage: weft replay SEED [--schedule-file F] [--sarif F] [--html F] [--] ./prog [args...]
       weft replay --schedule-file F [--sarif F] [--html F] [--] ./prog [args...]

Runs the program under the schedule that SEED names, as printed in a weft
report or by `weft test`: 0x-prefixed hexadecimal (0x5eed1234) or decimal.
Sets WEFT_SEED and disables address-space randomization for the program, so
that the report repeats byte for byte. Keep the WEFT_OPTIONS the report
printed: they choose the strategy that the seed drives.

With --schedule-file F the program replays the decisions recorded in F
(written by WEFT_OPTIONS=schedule_out=F, `weft test --schedule-file` or
`weft minimize`), whatever strategy made them. If the program no longer
takes the recorded path, the run stops with "weft: replay diverged at step
N: ..." and exit status 69.

With --sarif F the run's reports are also written to F as SARIF 2.1.0
(WEFT_OPTIONS=sarif_path=F; paths relative to the current directory).

With --html F the run is drawn as a timeline in F, one self-contained HTML
file: a lane per thread, the sync operations and preemptions in order, the
racing accesses with their stacks, and the line that reproduces the run.
The program's output is captured and printed when it ends.
)";

namespace {

/// Runs the program with the trace on, prints its output, writes the
/// timeline; returns the program's exit status as a shell reports it.
int replayToHtml(const Invocation &Self, const std::vector<std::string> &Program,
                 std::optional<uint64_t> Seed, const std::string &ScheduleFile,
                 const std::string &UserOptions, const std::string &HtmlPath) {
  std::vector<std::pair<std::string, std::string>> Env;
  if (Seed)
    Env.emplace_back("WEFT_SEED", formatSeed(*Seed));
  const char *Opts = std::getenv("WEFT_OPTIONS");
  Env.emplace_back("WEFT_OPTIONS", Opts ? Opts : "");
  TracedRun Run;
  std::string Error;
  bool Traced = runTraced(Program, Env, /*TimeoutSeconds=*/0, Run, Error);
  std::fwrite(Run.Output.data(), 1, Run.Output.size(), stdout);
  std::fflush(stdout);
  if (!Traced) {
    error("cannot draw the timeline: %s", Error);
    return ExitFailure;
  }
  FailedRun F;
  F.Seed = Seed ? formatSeed(*Seed) : "";
  F.Status = Run.Status;
  F.Output = Run.Output;
  F.What = Run.Status.success() ? Failure{"no failure", ""}
                                : classifyFailure(Run.Status, Run.Output, false);
  // The user's options, without the trace: what replays the run.
  std::string Line =
      UserOptions.empty() ? "" : "WEFT_OPTIONS=" + shellQuote(UserOptions) + " ";
  std::vector<std::string> Words = {Self.Argv0, "replay"};
  if (Seed)
    Words.push_back(F.Seed);
  if (!ScheduleFile.empty()) {
    Words.push_back("--schedule-file");
    Words.push_back(ScheduleFile);
  }
  Words.push_back("--");
  Words.insert(Words.end(), Program.begin(), Program.end());
  F.Reproduce = Line + shellJoin(Words);
  if (!writeHtmlTimeline(F, Run.Steps, HtmlPath)) {
    error("cannot write '%s': %s", HtmlPath, std::strerror(errno));
    return ExitFailure;
  }
  std::fprintf(stderr, "weft: timeline written to %s\n", HtmlPath.c_str());
  return Run.Status.shellCode();
}

} // namespace

int replayCommand(const Invocation &Self, const std::vector<std::string> &Args) {
  size_t I = 0;
  if (I < Args.size() && (Args[I] == "--help" || Args[I] == "-h")) {
    std::fputs(ReplayUsage, stdout);
    return 0;
  }
  std::string ScheduleFile;
  auto TakeScheduleFile = [&]() -> std::optional<int> {
    if (Args[I] == "--schedule-file") {
      if (I + 1 >= Args.size()) {
        error("missing value for '--schedule-file'");
        return ExitUsage;
      }
      ScheduleFile = Args[I + 1];
      I += 2;
    } else {
      ScheduleFile = Args[I].substr(strlen("--schedule-file="));
      ++I;
    }
    if (ScheduleFile.empty()) {
      error("invalid value for '--schedule-file': ''");
      return ExitUsage;
    }
    return std::nullopt;
  };
  auto IsScheduleFlag = [&]() {
    return I < Args.size() && (Args[I] == "--schedule-file" ||
                               Args[I].rfind("--schedule-file=", 0) == 0);
  };
  std::string SarifPath, HtmlPath;
  auto IsSarifFlag = [&]() { return I < Args.size() && Args[I] == "--sarif"; };
  auto IsHtmlFlag = [&]() { return I < Args.size() && Args[I] == "--html"; };
  // --schedule-file and --sarif, in either order, before or after the seed.
  auto TakeFlags = [&]() -> std::optional<int> {
    for (;;) {
      if (ScheduleFile.empty() && IsScheduleFlag()) {
        if (std::optional<int> Exit = TakeScheduleFile())
          return Exit;
      } else if (SarifPath.empty() && IsSarifFlag()) {
        if (I + 1 >= Args.size() || Args[I + 1].empty()) {
          error("missing value for '--sarif'");
          return ExitUsage;
        }
        SarifPath = Args[I + 1];
        I += 2;
      } else if (HtmlPath.empty() && IsHtmlFlag()) {
        if (I + 1 >= Args.size() || Args[I + 1].empty()) {
          error("missing value for '--html'");
          return ExitUsage;
        }
        HtmlPath = Args[I + 1];
        I += 2;
      } else {
        return std::nullopt;
      }
    }
  };
  if (std::optional<int> Exit = TakeFlags())
    return *Exit;
  std::optional<uint64_t> Seed;
  if (ScheduleFile.empty() || (I < Args.size() && parseSeed(Args[I]))) {
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
    Seed = parseSeed(Args[I]);
    if (!Seed) {
      error("invalid seed '%s': expected a decimal number or 0x followed by "
            "up to 16 hexadecimal digits",
            Args[I]);
      return ExitUsage;
    }
    ++I;
  }
  if (std::optional<int> Exit = TakeFlags())
    return *Exit;
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
  const char *OptionsBefore = std::getenv("WEFT_OPTIONS");
  std::string UserOptions = OptionsBefore ? OptionsBefore : "";

  if (!ScheduleFile.empty()) {
    if (access(ScheduleFile.c_str(), R_OK) != 0) {
      error("cannot read schedule file '%s': %s", ScheduleFile,
            std::strerror(errno));
      return ExitUsage;
    }
    const char *Old = std::getenv("WEFT_OPTIONS");
    std::string Opts = Old ? std::string(Old) + " " : "";
    Opts += "schedule_in=" + ScheduleFile;
    setenv("WEFT_OPTIONS", Opts.c_str(), /*overwrite=*/1);
  }
  if (!SarifPath.empty()) {
    // The runtime converts its reports with this weft (WEFT_DRIVER, set in
    // main) after each one: sarif_export.h.
    const char *Old = std::getenv("WEFT_OPTIONS");
    std::string Opts = Old ? std::string(Old) + " " : "";
    Opts += "sarif_path=" + SarifPath;
    setenv("WEFT_OPTIONS", Opts.c_str(), /*overwrite=*/1);
  }
  if (Seed)
    setenv("WEFT_SEED", formatSeed(*Seed).c_str(), /*overwrite=*/1);
  int Persona = personality(0xffffffff);
  if (Persona == -1 || personality(Persona | ADDR_NO_RANDOMIZE) == -1)
    warning("cannot disable address-space randomization: %s",
            std::strerror(errno));
  if (!HtmlPath.empty())
    return replayToHtml(Self, Program, Seed, ScheduleFile, UserOptions, HtmlPath);
  execProcess(Program);
  int Errno = errno;
  error("cannot execute '%s': %s", Program[0], std::strerror(Errno));
  return execFailureExitCode(Errno);
}

} // namespace driver
} // namespace weft
