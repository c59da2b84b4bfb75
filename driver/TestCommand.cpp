//===- TestCommand.cpp - weft test: run a program under many schedules ----===//
//
// `weft test -n N -j J ./prog` runs the program N times, J at a time, each
// under its own seed, and stops at the first failure with the line that
// replays it. The seeds come from one base seed (--seed, or random and
// printed), so a whole `weft test` run is itself reproducible.
//
// Results are reported in seed order, whatever order the executions finish
// in: execution i is reported only once all executions before it have been,
// and "the first failure" is the one with the lowest index. Runs after it that
// are still going are killed. So the output, the failure named and the summary
// line are the same for -j 1 and -j 8 (only the time differs).
//
// Each execution's stdout and stderr go to one anonymous in-memory file
// (memfd): no pipes to drain while waiting, no deadlock on a chatty program,
// and the interleaving of the two streams is preserved. Its stdin is
// /dev/null, since parallel executions cannot share the terminal.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "ExitCodes.h"
#include "Process.h"
#include "Seed.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <optional>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

namespace weft {
namespace driver {

const char TestUsage[] =
    R"(usage: weft test [-n N] [-j J] [--seed S] [--keep-going]
                 [--] ./prog [args...]

Runs an instrumented program under N schedules, J at a time, each with its
own seed in WEFT_SEED, and stops at the first that fails (exits non-zero or
is killed by a signal): it prints that run's output, what failed, and the
`weft replay` command that reproduces it.

  -n N          number of executions (default 100)
  -j J          executions run in parallel (default 1); the results, and which
                failure is reported first, do not depend on J
  --seed S      base of the seed sequence (0x-hex or decimal; default random,
                printed at the start); the same S gives the same seeds
  --keep-going  run all N executions and report every failure

Exits 1 if any execution failed, 0 otherwise.
)";

namespace {

struct TestOptions {
  uint64_t Runs = 100;
  uint64_t Jobs = 1;
  std::optional<uint64_t> BaseSeed;
  bool KeepGoing = false;
  std::vector<std::string> Program;
};

enum class FlagMatch { No, Yes, MissingValue };

/// Matches `Name VALUE` or `Name=VALUE` at Args[I], advancing I past it.
FlagMatch matchValueFlag(const std::vector<std::string> &Args, size_t &I,
                         absl::string_view Name, std::string &Value) {
  absl::string_view Arg = Args[I];
  if (Arg == Name) {
    if (I + 1 >= Args.size())
      return FlagMatch::MissingValue;
    Value = Args[++I];
    return FlagMatch::Yes;
  }
  if (absl::StartsWith(Arg, Name) && Arg.size() > Name.size() &&
      Arg[Name.size()] == '=') {
    Value = std::string(Arg.substr(Name.size() + 1));
    return FlagMatch::Yes;
  }
  return FlagMatch::No;
}

bool parseCount(const std::string &Text, uint64_t &Value) {
  if (Text.empty() || Text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  return absl::SimpleAtoi(Text, &Value) && Value > 0;
}

/// Parses the command line into Options; returns an exit code to stop with.
std::optional<int> parseTestArgs(const std::vector<std::string> &Args,
                                 TestOptions &Options) {
  size_t I = 0;
  for (; I < Args.size(); ++I) {
    const std::string &Arg = Args[I];
    if (Arg == "--") {
      ++I;
      break;
    }
    if (Arg == "--help" || Arg == "-h") {
      std::fputs(TestUsage, stdout);
      return 0;
    }
    if (Arg == "--keep-going") {
      Options.KeepGoing = true;
      continue;
    }
    std::string Value;
    bool Matched = false;
    for (const char *Name : {"-n", "-j", "--seed"}) {
      FlagMatch Match = matchValueFlag(Args, I, Name, Value);
      if (Match == FlagMatch::No)
        continue;
      if (Match == FlagMatch::MissingValue) {
        error("missing value for '%s'", Name);
        return ExitUsage;
      }
      Matched = true;
      bool Valid;
      if (absl::string_view(Name) == "--seed") {
        Options.BaseSeed = parseSeed(Value);
        Valid = Options.BaseSeed.has_value();
      } else {
        Valid = parseCount(Value, absl::string_view(Name) == "-n"
                                      ? Options.Runs
                                      : Options.Jobs);
      }
      if (!Valid) {
        error("invalid value for '%s': '%s'", Name, Value);
        return ExitUsage;
      }
      break;
    }
    if (Matched)
      continue;
    if (Arg.size() > 1 && Arg[0] == '-') {
      error("unknown flag '%s'", Arg);
      note("see 'weft help test'");
      return ExitUsage;
    }
    break;
  }
  if (I >= Args.size()) {
    error("no program given");
    note("usage: weft test [-n N] [-j J] [--seed S] [--keep-going] [--] "
         "./prog [args...]");
    return ExitUsage;
  }
  Options.Program.assign(Args.begin() + I, Args.end());
  return std::nullopt;
}

/// What a failed execution was, in the words of the runtime's exit codes.
std::string describeFailure(const ExitStatus &Status) {
  if (Status.Signaled)
    return absl::StrCat("signal ", signalName(Status.Value));
  switch (Status.Value) {
  case ExitDataRace:
    return "data race";
  case ExitDeadlock:
    return "deadlock";
  case ExitCrash:
    return "crash";
  default:
    return absl::StrCat("exit code ", Status.Value);
  }
}

std::string readAll(int Fd) {
  std::string Output;
  if (lseek(Fd, 0, SEEK_SET) < 0)
    return Output;
  char Buffer[65536];
  for (;;) {
    ssize_t Got = read(Fd, Buffer, sizeof(Buffer));
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got <= 0)
      break;
    Output.append(Buffer, static_cast<size_t>(Got));
  }
  return Output;
}

struct Execution {
  uint64_t Index = 0;
  pid_t Pid = -1;
  int OutputFd = -1;
};

struct Result {
  ExitStatus Status;
  std::string Output;
};

class TestRunner {
public:
  TestRunner(const Invocation &Self, const TestOptions &Options,
             uint64_t BaseSeed)
      : Self(Self), Options(Options), BaseSeed(BaseSeed) {}

  int run();

private:
  bool launch(uint64_t Index);
  void reap();
  /// Reports finished executions in index order; false once testing stops.
  bool reportInOrder();
  void report(uint64_t Index, const Result &R);
  void killRunning();

  const Invocation &Self;
  const TestOptions &Options;
  uint64_t BaseSeed;
  std::vector<Execution> Running;
  std::map<uint64_t, Result> Finished; // finished, not yet reported
  uint64_t NextToLaunch = 0;
  uint64_t NextToReport = 0;
  uint64_t Failures = 0;
};

bool TestRunner::launch(uint64_t Index) {
  int Fd = memfd_create("weft-test-output", MFD_CLOEXEC);
  if (Fd < 0) {
    error("cannot create an output buffer: %s", std::strerror(errno));
    return false;
  }
  std::vector<std::string> Env = environmentWith(
      {{"WEFT_SEED", formatSeed(scheduleSeed(BaseSeed, Index))}});
  SpawnOptions Spawn;
  Spawn.Environment = &Env;
  Spawn.OutputFd = Fd;
  Spawn.NullStdin = true;
  absl::StatusOr<pid_t> Pid = spawnProcess(Options.Program, Spawn);
  if (!Pid.ok()) {
    close(Fd);
    error("cannot execute '%s': %s", Options.Program[0],
          Pid.status().message());
    return false;
  }
  Running.push_back(Execution{Index, *Pid, Fd});
  return true;
}

void TestRunner::reap() {
  int WaitStatus;
  pid_t Pid;
  do {
    Pid = waitpid(-1, &WaitStatus, 0);
  } while (Pid < 0 && errno == EINTR);
  if (Pid < 0) {
    // Not expected (every child is ours), but never spin: wait for the
    // oldest execution by its pid instead.
    Pid = Running.front().Pid;
    ExitStatus Status = waitProcess(Pid);
    WaitStatus = Status.Signaled ? Status.Value : Status.Value << 8;
  }
  for (size_t I = 0; I < Running.size(); ++I) {
    if (Running[I].Pid != Pid)
      continue;
    Result R{ExitStatus::fromWaitStatus(WaitStatus),
             readAll(Running[I].OutputFd)};
    close(Running[I].OutputFd);
    Finished.emplace(Running[I].Index, std::move(R));
    Running.erase(Running.begin() + I);
    return;
  }
}

void TestRunner::report(uint64_t Index, const Result &R) {
  std::string Seed = formatSeed(scheduleSeed(BaseSeed, Index));
  std::fwrite(R.Output.data(), 1, R.Output.size(), stdout);
  if (!R.Output.empty() && R.Output.back() != '\n')
    std::fputc('\n', stdout);
  std::vector<std::string> Replay{Self.Argv0, "replay", Seed, "--"};
  Replay.insert(Replay.end(), Options.Program.begin(), Options.Program.end());
  std::printf("weft: failure: %s with seed %s\n",
              describeFailure(R.Status).c_str(), Seed.c_str());
  std::printf("weft: reproduce with: %s\n", shellJoin(Replay).c_str());
  std::fflush(stdout);
}

bool TestRunner::reportInOrder() {
  for (auto It = Finished.find(NextToReport); It != Finished.end();
       It = Finished.find(NextToReport)) {
    Result R = std::move(It->second);
    Finished.erase(It);
    ++NextToReport;
    if (R.Status.success())
      continue;
    ++Failures;
    report(NextToReport - 1, R);
    if (!Options.KeepGoing)
      return false;
  }
  return true;
}

void TestRunner::killRunning() {
  for (const Execution &E : Running)
    kill(E.Pid, SIGKILL);
  for (const Execution &E : Running) {
    waitProcess(E.Pid);
    close(E.OutputFd);
  }
  Running.clear();
  Finished.clear();
}

int TestRunner::run() {
  for (;;) {
    while (Running.size() < Options.Jobs && NextToLaunch < Options.Runs) {
      if (!launch(NextToLaunch++)) {
        killRunning();
        return ExitFailure;
      }
    }
    if (Running.empty())
      break;
    reap();
    if (!reportInOrder()) {
      killRunning();
      break;
    }
  }
  std::printf("weft test: %llu schedules, %llu failed\n",
              static_cast<unsigned long long>(NextToReport),
              static_cast<unsigned long long>(Failures));
  std::fflush(stdout);
  return Failures ? ExitFailure : 0;
}

} // namespace

int testCommand(const Invocation &Self, const std::vector<std::string> &Args) {
  TestOptions Options;
  if (std::optional<int> Exit = parseTestArgs(Args, Options))
    return *Exit;
  uint64_t BaseSeed =
      Options.BaseSeed ? *Options.BaseSeed : randomBaseSeed();
  std::printf("weft test: seed %s, %llu schedules, %llu at a time\n",
              formatSeed(BaseSeed).c_str(),
              static_cast<unsigned long long>(Options.Runs),
              static_cast<unsigned long long>(Options.Jobs));
  std::fflush(stdout);
  TestRunner Runner(Self, Options, BaseSeed);
  return Runner.run();
}

} // namespace driver
} // namespace weft
