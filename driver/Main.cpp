//===- Main.cpp - weft's command dispatch, help and version ---------------===//
//
// weft is one executable with subcommands (`weft cc`, `weft run`, ...), like
// go and git. Installed as weft-cc or weft-c++ it is the compiler itself with
// -race implied, so that build systems which take a single word for CC get
// race detection from CC=weft-cc alone.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "Toolchain.h"

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace weft::driver;

namespace {

const char Overview[] =
    R"(weft: a data-race detector for C and C++ with a controlled scheduler

usage: weft <command> [arguments]

commands:
  cc, c++     compile like clang-19 / clang++-19; -race instruments
              (weft-cc / weft-c++: the same with -race implied)
  run         compile and run C/C++ sources (like `go run -race`)
  test        run a program under many schedules; stop at the first failure
  replay      run a program under the schedule a seed or schedule file names
  minimize    shrink a failing schedule to the fewest preemptions
  merge       join the JSON of `weft test --shard` runs into one result
  sarif       convert the reports in a log to SARIF 2.1.0
  help        show this text, or `weft help <command>` for one command

  weft cc -race -g -O1 counter.c -o counter   # build with race detection
  ./counter                                   # one run; a race: report+seed
  weft run -race counter.c                    # build and run in one step
  weft test -n 1000 -j 2 ./counter            # explore 1000 schedules
  weft replay 0x5eed1234 ./counter            # replay the schedule of a report

Exit codes of an instrumented program: 66 data race, 67 deadlock, 68 crash
or failed assertion under a schedule.
)";

const char *usageFor(absl::string_view Command) {
  if (Command == "cc" || Command == "c++")
    return CompileUsage;
  if (Command == "run")
    return RunUsage;
  if (Command == "test")
    return TestUsage;
  if (Command == "replay")
    return ReplayUsage;
  if (Command == "minimize")
    return MinimizeUsage;
  if (Command == "merge")
    return MergeUsage;
  if (Command == "sarif")
    return SarifUsage;
  return nullptr;
}

int helpCommand(const std::vector<std::string> &Args) {
  if (Args.empty()) {
    std::fputs(Overview, stdout);
    return 0;
  }
  const char *Usage = usageFor(Args[0]);
  if (!Usage) {
    error("unknown command '%s'", Args[0]);
    return ExitUsage;
  }
  std::fputs(Usage, stdout);
  return 0;
}

int printVersion() {
  std::printf("weft version %s\n", WEFT_VERSION);
  std::printf("clang: %s\n", clangPath(Language::C).c_str());
  std::printf("clang++: %s\n", clangPath(Language::CXX).c_str());
  std::printf("lib: %s\n", weftLibDir().c_str());
  return 0;
}

} // namespace

int main(int Argc, char **Argv) {
  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  Invocation Self{Argc > 0 ? Argv[0] : "weft"};

  // What weft runs finds this weft again through WEFT_DRIVER: a program run
  // with sarif_path= converts its reports with it (sarif_export.h).
  if (std::string Exe = selfExecutablePath(); !Exe.empty())
    setenv("WEFT_DRIVER", Exe.c_str(), /*overwrite=*/0);

  // As weft-cc / weft-c++ every argument belongs to clang, and -race is
  // implied: these names exist to be CC and CXX, and a build system that
  // names them wants race detection without editing its flags.
  absl::string_view Name = Self.Argv0;
  if (size_t Slash = Name.rfind('/'); Slash != absl::string_view::npos)
    Name.remove_prefix(Slash + 1);
  if (Name == "weft-cc" || Name == "weft-c++") {
    Args.insert(Args.begin(), "-race");
    return compileCommand(Name == "weft-cc" ? Language::C : Language::CXX,
                          Args);
  }

  if (Args.empty()) {
    std::fputs(Overview, stderr);
    return ExitUsage;
  }
  const std::string Command = Args[0];
  Args.erase(Args.begin());
  if (Command == "cc")
    return compileCommand(Language::C, Args);
  if (Command == "c++")
    return compileCommand(Language::CXX, Args);
  if (Command == "run")
    return runCommand(Self, Args);
  if (Command == "test")
    return testCommand(Self, Args);
  if (Command == "replay")
    return replayCommand(Self, Args);
  if (Command == "minimize")
    return minimizeCommand(Self, Args);
  if (Command == "merge")
    return mergeCommand(Args);
  if (Command == "sarif")
    return sarifCommand(Args);
  if (Command == "help" || Command == "--help" || Command == "-h")
    return helpCommand(Args);
  if (Command == "version" || Command == "--version")
    return printVersion();
  if (absl::StartsWith(Command, "-")) {
    error("unknown flag '%s'", Command);
    note("see 'weft help'");
  } else {
    error("unknown command '%s'", Command);
    note("see 'weft help'");
  }
  return ExitUsage;
}
