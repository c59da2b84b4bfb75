//===- MinimizeCommand.cpp - weft minimize: fewest preemptions that fail --===//
//
// `weft minimize SEED -- ./prog` shrinks the schedule of a failing run to
// few preemptions, which makes the bug readable: a schedule with one
// preemption says "the bug needs thread B to run exactly here".
//
// 1. Run the seed (with the caller's WEFT_OPTIONS) recording its schedule.
//    Its failure — kind and location, as `weft test` names them — is the
//    target.
// 2. Greedy: for each preemption (a pick marked '!') from the last to the
//    first, mark it removed ('-') and run with replay_fill=1: the edited
//    schedule's decisions are hints keyed by thread (replay_strategy.h), and
//    wherever they no longer apply the run continues without preempting. If the run fails the same
//    way and its recorded schedule has fewer preemptions, that recording
//    becomes the current schedule and the pass starts over. First of all,
//    removing every preemption at once is tried.
// 3. Write the last recording (a strict schedule: `weft replay
//    --schedule-file` replays it exactly) and say how many preemptions are
//    left.
//
// Each attempt is one execution; at most P*(P+1)/2 + 1 of them for P initial
// preemptions, and usually far fewer.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "Failure.h"
#include "Process.h"
#include "Seed.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/mman.h>
#include <unistd.h>

namespace weft {
namespace driver {

const char MinimizeUsage[] =
    R"(usage: weft minimize SEED [-o FILE] [--] ./prog [args...]
       weft minimize --schedule-file F [-o FILE] [--] ./prog [args...]

Shrinks the schedule of a failing run (named by SEED, with the WEFT_OPTIONS
of the report, or by a schedule file) to as few preemptions as it can while
the run still fails the same way (same kind, same location). Writes the
result to FILE (default: weft-minimized.schedule) and prints how many
preemptions are left and the command that replays it.

Exits 0 when a schedule was written, 1 if the run does not fail.
)";

namespace {

struct Schedule {
  std::vector<std::string> Header; // "key value" lines
  std::vector<std::string> Tokens;
};

std::optional<Schedule> readSchedule(const std::string &Path) {
  std::ifstream In(Path);
  if (!In)
    return std::nullopt;
  Schedule S;
  std::string Line;
  bool InHeader = true;
  while (std::getline(In, Line)) {
    if (InHeader) {
      if (Line.empty())
        InHeader = false;
      else
        S.Header.push_back(Line);
      continue;
    }
    for (absl::string_view Tok : absl::StrSplit(Line, ' ', absl::SkipEmpty()))
      S.Tokens.emplace_back(Tok);
  }
  if (S.Header.empty() || S.Header[0] != "weft-schedule 1")
    return std::nullopt;
  return S;
}

bool writeSchedule(const std::string &Path, const Schedule &S) {
  std::ofstream Out(Path);
  for (const std::string &H : S.Header)
    Out << H << '\n';
  Out << '\n';
  for (size_t I = 0; I < S.Tokens.size(); ++I)
    Out << S.Tokens[I] << ((I + 1) % 16 == 0 ? '\n' : ' ');
  Out << '\n';
  return static_cast<bool>(Out);
}

size_t countPreemptions(const Schedule &S) {
  size_t N = 0;
  for (const std::string &T : S.Tokens)
    N += !T.empty() && T.back() == '!';
  return N;
}

struct Outcome {
  ExitStatus Status;
  std::string Output;
};

/// Runs the program with extra WEFT_OPTIONS, output captured.
std::optional<Outcome> runOnce(const std::vector<std::string> &Program,
                               const std::optional<uint64_t> &Seed,
                               const std::string &Extra) {
  const char *Old = std::getenv("WEFT_OPTIONS");
  std::string Opts = Old ? std::string(Old) + " " + Extra : Extra;
  std::vector<std::pair<std::string, std::string>> Vars{{"WEFT_OPTIONS", Opts}};
  if (Seed)
    Vars.push_back({"WEFT_SEED", formatSeed(*Seed)});
  std::vector<std::string> Env = environmentWith(Vars);
  int Fd = memfd_create("weft-minimize-output", MFD_CLOEXEC);
  if (Fd < 0)
    return std::nullopt;
  SpawnOptions Spawn;
  Spawn.Environment = &Env;
  Spawn.OutputFd = Fd;
  Spawn.NullStdin = true;
  absl::StatusOr<pid_t> Pid = spawnProcess(Program, Spawn);
  if (!Pid.ok()) {
    close(Fd);
    error("cannot execute '%s': %s", Program[0], Pid.status().message());
    return std::nullopt;
  }
  Outcome O;
  O.Status = waitProcess(*Pid);
  O.Output = readAll(Fd);
  close(Fd);
  return O;
}

bool sameFailure(const Failure &A, const Failure &B) {
  return A.Kind == B.Kind && A.Location == B.Location;
}

} // namespace

int minimizeCommand(const Invocation &Self, const std::vector<std::string> &Args) {
  size_t I = 0;
  std::optional<uint64_t> Seed;
  std::string InFile, OutFile = "weft-minimized.schedule";
  while (I < Args.size()) {
    const std::string &A = Args[I];
    if (A == "--help" || A == "-h") {
      std::fputs(MinimizeUsage, stdout);
      return 0;
    }
    if (A == "--") {
      ++I;
      break;
    }
    if (A == "--schedule-file" || A == "-o") {
      if (!hasFlagValue(Args, I))
        return ExitUsage;
      (A == "-o" ? OutFile : InFile) = Args[I + 1];
      I += 2;
      continue;
    }
    if (unknownFlag(A, "minimize"))
      return ExitUsage;
    if (!Seed && InFile.empty()) {
      Seed = parseSeed(A);
      if (!Seed) {
        error("invalid seed '%s': expected a decimal number or 0x followed by "
              "up to 16 hexadecimal digits", A);
        return ExitUsage;
      }
      ++I;
      continue;
    }
    break;
  }
  if (!Seed && InFile.empty()) {
    error("no seed or schedule file given");
    note("usage: weft minimize SEED [-o FILE] [--] ./prog [args...]");
    return ExitUsage;
  }
  if (I >= Args.size()) {
    error("no program given");
    note("usage: weft minimize SEED [-o FILE] [--] ./prog [args...]");
    return ExitUsage;
  }
  std::vector<std::string> Program(Args.begin() + I, Args.end());

  char Dir[] = "/tmp/weft-minimize-XXXXXX";
  if (!mkdtemp(Dir)) {
    error("cannot create a temporary directory: %s", std::strerror(errno));
    return ExitFailure;
  }
  std::string Work = Dir;
  std::string Recorded = Work + "/recorded.schedule";
  std::string Candidate = Work + "/candidate.schedule";
  auto Cleanup = [&]() {
    unlink(Recorded.c_str());
    unlink(Candidate.c_str());
    rmdir(Work.c_str());
  };

  std::string FirstOpts = "schedule_out=" + Recorded;
  if (!InFile.empty())
    FirstOpts += " schedule_in=" + InFile;
  std::optional<Outcome> First = runOnce(Program, Seed, FirstOpts);
  if (!First) {
    Cleanup();
    return ExitFailure;
  }
  if (First->Status.success()) {
    error("the run does not fail: nothing to minimize");
    Cleanup();
    return ExitFailure;
  }
  Failure Target = classifyFailure(First->Status, First->Output, false);
  std::optional<Schedule> Current = readSchedule(Recorded);
  if (!Current) {
    error("the run wrote no schedule (is '%s' built with -race?)", Program[0]);
    Cleanup();
    return ExitFailure;
  }
  size_t Initial = countPreemptions(*Current);
  std::string Where = Target.Location.empty() ? "" : " at " + Target.Location;
  std::printf("weft minimize: %s%s, %zu preemptions\n", Target.Kind.c_str(),
              Where.c_str(), Initial);
  std::fflush(stdout);

  uint64_t Attempts = 0;
  // Tries Edited (a hint schedule); adopts the run's recording if it fails
  // the same way with fewer preemptions.
  auto Try = [&](const Schedule &Edited) {
    ++Attempts;
    if (!writeSchedule(Candidate, Edited))
      return false;
    std::optional<Outcome> O = runOnce(
        Program, std::nullopt,
        "schedule_in=" + Candidate + " replay_fill=1 schedule_out=" + Recorded);
    if (!O || O->Status.success() ||
        !sameFailure(classifyFailure(O->Status, O->Output, false), Target))
      return false;
    std::optional<Schedule> Got = readSchedule(Recorded);
    if (!Got || countPreemptions(*Got) >= countPreemptions(*Current))
      return false;
    Current = std::move(Got);
    return true;
  };

  auto WithoutPreemption = [](const Schedule &S, std::optional<size_t> Only) {
    Schedule E = S;
    size_t Seen = 0;
    for (std::string &T : E.Tokens)
      if (!T.empty() && T.back() == '!') {
        if (!Only || Seen == *Only)
          T.back() = '-';
        ++Seen;
      }
    return E;
  };

  if (countPreemptions(*Current) > 0)
    Try(WithoutPreemption(*Current, std::nullopt));
  bool Improved = true;
  while (Improved && countPreemptions(*Current) > 0) {
    Improved = false;
    for (size_t P = countPreemptions(*Current); P-- > 0;)
      if (Try(WithoutPreemption(*Current, P))) {
        Improved = true;
        break;
      }
  }

  bool Ok = writeSchedule(OutFile, *Current);
  Cleanup();
  if (!Ok) {
    error("cannot write '%s': %s", OutFile, std::strerror(errno));
    return ExitFailure;
  }
  std::vector<std::string> Replay{Self.Argv0, "replay", "--schedule-file", OutFile, "--"};
  Replay.insert(Replay.end(), Program.begin(), Program.end());
  std::printf("weft minimize: %zu preemptions left (from %zu, %llu attempts); "
              "schedule written to %s\n",
              countPreemptions(*Current), Initial,
              static_cast<unsigned long long>(Attempts), OutFile.c_str());
  std::printf("weft: reproduce with: %s\n", shellJoin(Replay).c_str());
  return 0;
}

} // namespace driver
} // namespace weft
