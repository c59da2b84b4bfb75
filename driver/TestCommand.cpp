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
// Executions come from fork servers (ForkServer.h), one per job: the
// program started once per job, stopped at the start of weft's runtime
// initialization, forks each run. A forked run is the run an exec would
// start (same environment, descriptors, output; the runtime has read no
// option and made no decision yet), minus the cost of exec and library
// start-up. Each job keeps its server's next run queued behind the running
// one, so the server forks it the moment the first ends; still one run at
// a time per job. The program is executed for every run instead when
// --no-fork-server asks for it, when it does not answer as a server (no
// weft runtime) or refuses (threads started before weft, a wrapper), and,
// from then on, for a job whose server died. docs/performance.md has the
// rates.
//
// Waiting: SIGCHLD is blocked and read through a signalfd, so one poll()
// waits for executed children, servers' answers and the next timeout.
//
// A wall-clock timeout (--timeout) is the one place wall time enters, and it
// only decides whether a run is killed, never a scheduling decision.
//
// A lock-order inversion (exit 66, "potential deadlock") is followed by up to
// --steer-runs schedules with steer_deadlock= set to the sites its report
// names: threads that took the first lock of an inverted pair wait while
// others can run. A steered schedule that deadlocks confirms the inversion,
// and its seed (with the same options) replays the deadlock. They run one
// after the other, after the failing run is reported, seeded from its seed.
//
// --shard K/N runs the indices i of the sequence with i % N == K-1, so N jobs
// with the same --seed split exactly the schedules of one unsharded run.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "ExitCodes.h"
#include "Exploration.h"
#include "Failure.h"
#include "ForkServer.h"
#include "Process.h"
#include "RuntimeCheck.h"
#include "Results.h"
#include "Seed.h"
#include "Timeline.h"

#include "weft/test_channel.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <poll.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>

namespace weft {
namespace driver {

const char TestUsage[] =
    R"(usage: weft test [-n N] [-j J] [--seed S] [--keep-going]
                 [--strategy random|pct|pos|pb] [--pct-depth D] [--pct-steps K]
                 [--pb-bound C]
                 [--timeout T] [--shard K/N] [--json F] [--junit F]
                 [--sarif F] [--html DIR]
                 [--schedule-file F] [--no-early-wakeups] [--steer-runs K]
                 [--no-fork-server] [--no-directed-points]
                 [--] ./prog [args...]

Runs an instrumented program under N schedules, J at a time, each with its
own seed in WEFT_SEED, and stops at the first that fails: it prints that
run's output, what failed, and the `weft replay` command that reproduces it.

  -n N              number of executions (default 100)
  -j J              executions run in parallel (default 1); the results, and
                    which failure is reported first, do not depend on J
  --seed S          base of the seed sequence (0x-hex or decimal; default
                    random, printed at the start); the same S gives the same
                    seeds
  --keep-going      run all N executions and report every failure
  --strategy S      random, pct or pos (docs/scheduling.md); without it,
                    the portfolio: schedule i runs with the options of slot
                    i mod 4 (random at a coarse and a fine quantum, random
                    with few preemptions at every access, POS)
  --pct-depth D     PCT's bug depth (default 3)
  --pct-steps K     PCT's estimate of steps per run (default: measured by
                    one calibration run of the program)
  --pb-bound C      with --strategy pb (preemption bounding, CHESS-style):
                    schedule i is the i-th of all schedules with at most C
                    preemptions (default 2), fewest first; the run length
                    is measured as for PCT
  --timeout T       wall-clock limit per execution in seconds (decimals
                    allowed); a run that exceeds it fails as "timeout",
                    after printing where its threads were. Default: 20
                    times the slowest of the first 5 runs, at least 10 s
                    (5 minutes until a first run has ended); 0: no limit
  --shard K/N       run only the K-th of N interleaved shares of the sequence
                    (needs --seed, so every shard derives the same sequence)
  --json F          write the results as JSON to F
  --junit F         write the results as JUnit XML to F
  --sarif F         write every report as SARIF 2.1.0 to F (for code
                    scanning; paths relative to the current directory)
  --html DIR        draw every failure as an HTML timeline in DIR (created
                    if missing): a lane per thread, sync operations and
                    preemptions in order, the racing accesses; one run of
                    the failing seed again, with the trace on, per failure
  --schedule-file F save the first failure's schedule to F
  --no-early-wakeups  keep sleeps and timed waits in virtual-time order
  --steer-runs K    after a lock-order inversion, try up to K schedules
                    steered toward the deadlock it predicts (default 50;
                    0: do not try)
  --no-directed-points
                    do not make the access sites that raced in earlier
                    schedules scheduling points of later ones
  --no-fork-server  execute the program for every schedule instead of
                    forking it from a copy started once per job (same
                    results, slower; see docs/usage.md)

A failure is a report (data race 66, deadlock 67, assertion, crash or
livelock 68) printed by any process of the run (a forked child, a weft
program it executes) whatever the exit status that follows, any other
non-zero exit, a signal, or a timeout. Failures are grouped by kind and
location in the closing summary. A progress line is shown when standard
output is a terminal.

SIGINT or SIGTERM stops the runs in flight; the schedules that finished
are reported (first failure, summary, --json, --junit) as usual.

Exits 0 if no execution failed, 1 if one did, 2 on a usage error or a
program without weft's runtime (not built with -race), 130 after SIGINT
and 143 after SIGTERM.
)";

namespace {

struct TestOptions {
  uint64_t Runs = 100;
  uint64_t Jobs = 1;
  std::optional<uint64_t> BaseSeed;
  bool KeepGoing = false;
  std::string Strategy = "random";
  bool StrategyGiven = false;
  /// Race-directed points (Exploration.h): off with --no-directed-points.
  bool Directed = true;
  /// Schedules take their options from the portfolio (Exploration.h): no
  /// --strategy, and no quantum or preemption rate in WEFT_OPTIONS.
  bool Portfolio = false;
  uint64_t PctDepth = 3;
  uint64_t PbBound = 2;
  std::optional<uint64_t> PctSteps;
  /// --timeout: unset means the default limit (TestRunner::timeLimit), 0
  /// means none.
  std::optional<double> TimeoutSeconds;
  uint64_t ShardIndex = 0; // K-1
  uint64_t ShardCount = 1;
  std::string JsonPath, JunitPath, SarifPath, ScheduleFile, HtmlDir;
  bool EarlyWakeups = true;
  uint64_t SteerRuns = 50;
  bool ForkServer = true;
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

bool parseShard(const std::string &Text, TestOptions &O) {
  size_t Slash = Text.find('/');
  uint64_t K, N;
  if (Slash == std::string::npos || !parseCount(Text.substr(0, Slash), K) ||
      !parseCount(Text.substr(Slash + 1), N) || K > N)
    return false;
  O.ShardIndex = K - 1;
  O.ShardCount = N;
  return true;
}

/// Applies one value flag; false if the value is invalid.
bool applyValueFlag(absl::string_view Name, const std::string &Value,
                    TestOptions &O) {
  if (Name == "--seed") {
    O.BaseSeed = parseSeed(Value);
    return O.BaseSeed.has_value();
  }
  if (Name == "-n")
    return parseCount(Value, O.Runs);
  if (Name == "-j")
    return parseCount(Value, O.Jobs);
  if (Name == "--strategy") {
    O.Strategy = Value;
    O.StrategyGiven = true;
    return Value == "random" || Value == "pct" || Value == "pos" || Value == "pb";
  }
  if (Name == "--pct-depth")
    return parseCount(Value, O.PctDepth);
  if (Name == "--pb-bound")
    return (Value == "0" ? (O.PbBound = 0, true) : parseCount(Value, O.PbBound)) &&
           O.PbBound <= 4;
  if (Name == "--pct-steps") {
    uint64_t K;
    if (!parseCount(Value, K))
      return false;
    O.PctSteps = K;
    return true;
  }
  if (Name == "--timeout") {
    double T;
    if (!absl::SimpleAtod(Value, &T) || !(T >= 0) || T > 1e6)
      return false;
    O.TimeoutSeconds = T;
    return true;
  }
  if (Name == "--shard")
    return parseShard(Value, O);
  if (Name == "--steer-runs")
    return Value == "0" ? (O.SteerRuns = 0, true) : parseCount(Value, O.SteerRuns);
  std::string &Path = Name == "--json"    ? O.JsonPath
                      : Name == "--junit" ? O.JunitPath
                      : Name == "--sarif" ? O.SarifPath
                      : Name == "--html"  ? O.HtmlDir
                                          : O.ScheduleFile;
  Path = Value;
  return !Value.empty();
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
    if (Arg == "--no-early-wakeups") {
      Options.EarlyWakeups = false;
      continue;
    }
    if (Arg == "--no-fork-server") {
      Options.ForkServer = false;
      continue;
    }
    if (Arg == "--no-directed-points") {
      Options.Directed = false;
      continue;
    }
    std::string Value;
    bool Matched = false;
    for (const char *Name :
         {"-n", "-j", "--seed", "--strategy", "--pct-depth", "--pct-steps", "--pb-bound",
          "--timeout", "--shard", "--json", "--junit", "--sarif",
          "--html", "--schedule-file",
          "--steer-runs"}) {
      FlagMatch Match = matchValueFlag(Args, I, Name, Value);
      if (Match == FlagMatch::No)
        continue;
      if (Match == FlagMatch::MissingValue) {
        error("missing value for '%s'", Name);
        return ExitUsage;
      }
      Matched = true;
      if (!applyValueFlag(Name, Value, Options)) {
        error("invalid value for '%s': '%s'", Name, Value);
        return ExitUsage;
      }
      break;
    }
    if (Matched)
      continue;
    if (unknownFlag(Arg, "test"))
      return ExitUsage;
    break;
  }
  if (I >= Args.size()) {
    error("no program given");
    note("usage: weft test [-n N] [-j J] [--seed S] [--keep-going] [--] "
         "./prog [args...]");
    return ExitUsage;
  }
  if (Options.ShardCount > 1 && !Options.BaseSeed) {
    error("'--shard' needs '--seed': every shard must derive the same "
          "sequence of seeds");
    return ExitUsage;
  }
  if (Options.Strategy != "pct" && Options.Strategy != "pb" &&
      (Options.PctSteps || Options.PctDepth != 3)) {
    error("'--pct-depth' and '--pct-steps' need '--strategy pct'");
    return ExitUsage;
  }
  if (Options.Strategy == "pb" && Options.PctDepth != 3) {
    error("'--pct-depth' needs '--strategy pct' ('--pb-bound' bounds pb)");
    return ExitUsage;
  }
  if (Options.Strategy != "pb" && Options.PbBound != 2) {
    error("'--pb-bound' needs '--strategy pb'");
    return ExitUsage;
  }
  Options.Program.assign(Args.begin() + I, Args.end());
  return std::nullopt;
}


using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point Start) {
  return std::chrono::duration<double>(Clock::now() - Start).count();
}

struct Execution {
  uint64_t Index = 0; // N: the shard's Nth execution
  size_t Job = 0;
  pid_t Pid = -1;      // when executed
  bool Forked = false; // when forked by its job's server
  bool Queued = false; // forked, but the run before it has not ended yet
  int OutputFd = -1;
  Clock::time_point Started; // meaningful once it runs (not Queued)
  // Past its time limit: asked for its threads' state (TimedOutAt), then
  // killed if it has not ended kDumpGraceSeconds later (Killed).
  bool TimedOut = false;
  bool Killed = false;
  Clock::time_point TimedOutAt;
  double Limit = 0; // the limit it exceeded
};

/// How long a timed-out run has to print its threads before SIGKILL.
constexpr double kDumpGraceSeconds = 5;
/// The default time limit: kLimitFactor times the slowest of the first
/// kMeasuredRuns runs that ended, and never below the floor (10 s, or
/// WEFT_TEST_TIMEOUT_FLOOR seconds); before any run has ended,
/// kFirstRunFactor times the floor (5 minutes by default).
constexpr double kDefaultFloorSeconds = 10;
constexpr double kLimitFactor = 20;
constexpr size_t kMeasuredRuns = 5;
constexpr double kFirstRunFactor = 30;

/// The default limit's floor: WEFT_TEST_TIMEOUT_FLOOR (seconds) or 10.
double timeoutFloor() {
  double Floor;
  const char *Env = std::getenv("WEFT_TEST_TIMEOUT_FLOOR");
  if (Env && absl::SimpleAtod(Env, &Floor) && Floor > 0 && Floor <= 1e6)
    return Floor;
  return kDefaultFloorSeconds;
}

/// The limit of the first runs (and of the PCT calibration run).
double firstRunLimit(const TestOptions &O) {
  return O.TimeoutSeconds ? *O.TimeoutSeconds : kFirstRunFactor * timeoutFloor();
}

/// SIGINT or SIGTERM is pending (blocked, not yet read).
int pendingInterrupt() {
  sigset_t Pending;
  if (sigpending(&Pending) != 0)
    return 0;
  for (int Sig : {SIGINT, SIGTERM})
    if (sigismember(&Pending, Sig))
      return Sig;
  return 0;
}

/// One of the -j slots. With a fork server it holds a running execution and
/// one queued behind it, which the server starts the moment the first ends;
/// without, one executed at a time.
struct Job {
  std::unique_ptr<ForkServer> Server; // null: executes the program
  bool Tried = false;                 // a server was started (maybe died)
  unsigned Outstanding = 0;           // its executions in Running
  unsigned capacity() const { return Server ? 2 : 1; }
};

/// The fork server's name for an execution: unique among the two a server
/// holds at a time.
uint32_t runId(uint64_t N) { return static_cast<uint32_t>(N); }

struct Result {
  ExitStatus Status;
  std::string Output;
  bool TimedOut = false;
  double Seconds = 0;
  std::string Reports; // its report file (weft/test_channel.h)
  double Limit = 0;    // the time limit it ran out of, when TimedOut
  bool failed() const {
    return !Status.success() || TimedOut || countReports(Reports) > 0;
  }
};

/// A failed schedule: the model every output format writes (Results.h).
using FailureRecord = FailedRun;

class TestRunner {
public:
  TestRunner(const Invocation &Self, const TestOptions &Options,
             uint64_t BaseSeed, std::string ExtraOptions, bool RuntimeUnverified)
      : Self(Self), Options(Options), BaseSeed(BaseSeed),
        ExtraOptions(std::move(ExtraOptions)), Floor(timeoutFloor()),
        RuntimeUnverified(RuntimeUnverified) {}

  int run();

private:
  /// The wall-clock limit of a run starting now (0: none): --timeout, or
  /// the default, derived from the first runs that ended.
  double timeLimit() const;
  /// Sends \p Signal to the running execution E.
  void signalRun(const Execution &E, int Signal);
  /// Seconds until the next run reaches its time limit or grace; -1: none.
  double untilNextDeadline() const;
  /// The report file of the shard's Nth execution, (re)created empty.
  std::string channelPath(uint64_t N) const {
    return ChannelDir + "/run-" + std::to_string(N);
  }
  bool resetChannel(uint64_t N) const;
  /// After SIGINT/SIGTERM: stops the runs in flight and reports the ones
  /// that finished, in order.
  void stopInterrupted();
  /// The index in the whole sequence of this shard's Nth execution.
  uint64_t indexOf(uint64_t N) const {
    return Options.ShardIndex + N * Options.ShardCount;
  }
  uint64_t shardRuns() const {
    uint64_t R = Options.Runs;
    return R / Options.ShardCount +
           (Options.ShardIndex < R % Options.ShardCount ? 1 : 0);
  }
  std::string seedOf(uint64_t N) const {
    return formatSeed(scheduleSeed(BaseSeed, indexOf(N)));
  }
  /// The job that can take another execution (an idle one first, its
  /// server started the first time), or -1.
  int pickJob();
  bool launch(uint64_t N, size_t J);
  /// The WEFT_SEED and WEFT_OPTIONS of the shard's Nth execution, run by
  /// job \p J (and, with several jobs, the CPU the job's runs pin to).
  std::vector<std::pair<std::string, std::string>> runEnvironment(uint64_t N,
                                                                  size_t J) const;
  /// Starts E by executing the program; false (with an error) if it cannot.
  bool execute(Execution &E);
  /// Job J's server died: its executions are executed again, and the job
  /// executes from now on.
  bool serverDied(size_t J);
  void reap();
  /// Moves every execution that has ended to Finished; true if any did.
  bool collect();
  /// Reads one answer from job J's server.
  bool collectForked(size_t J);
  void finishExecution(size_t I, ExitStatus Status);
  void killExpired();
  /// Reports finished executions in order; false once testing stops.
  bool reportInOrder();
  void report(uint64_t N, Result &R);
  /// Kills the runs in flight; they are forgotten (Finished is kept).
  void killRunning();
  void progress(bool Force);
  void clearProgress();
  void summary(double Seconds);
  void saveSchedule(const FailureRecord &F, const std::string &Extra);
  void drawTimeline(const FailureRecord &F, const std::string &Extra);
  TestResults results(double Seconds) const;
  /// Writes --json, --junit and --sarif; false (with an error) if one fails.
  bool writeOutputs(double Seconds);
  /// The options the shard's Nth execution adds to WEFT_OPTIONS: the
  /// common ones, its portfolio slot's, its round's racy sites.
  std::string runExtra(uint64_t N) const;
  /// Whether the shard's Nth execution may start: every execution of the
  /// rounds before its own has ended (Exploration.h). Writes the round's
  /// site file the first time.
  bool roundReady(uint64_t N);
  std::string reproduceLine(const std::string &Seed,
                            const std::string &Extra) const;
  /// \p RunExtra: the failing run's options, which the steered runs keep.
  void confirmDeadlock(FailureRecord &F, const std::string &RunExtra);

  const Invocation &Self;
  TestOptions Options; // a copy: race-directed points may turn off
  uint64_t BaseSeed;
  std::string ExtraOptions; // appended to WEFT_OPTIONS of every execution
  double Floor;             // of the default time limit
  std::vector<double> FirstDurations; // of the first runs that ended
  std::string ChannelDir; // the runs' report files
  int Interrupted = 0;    // SIGINT or SIGTERM, once received
  // The program could not be judged before it ran (a script): its first
  // schedule must start a weft runtime (NoRuntime if it passed without).
  bool RuntimeUnverified;
  bool NoRuntime = false;
  uint64_t Completed = 0; // schedules finished and accounted for
  std::vector<Execution> Running;
  std::vector<Job> Jobs;
  std::vector<int> Cpus; // the CPUs weft test may use, one per job in turn
  // Turns false for good when the program cannot serve.
  bool UseServers = false;
  int SignalFd = -1; // SIGCHLD, for executed children
  std::map<uint64_t, Result> Finished; // finished, not yet reported
  uint64_t NextToLaunch = 0;
  uint64_t NextToReport = 0;
  std::vector<FailureRecord> Failures;
  std::set<std::string> SteeredLocations; // one confirmation try per cycle
  std::map<uint64_t, std::set<std::string>> LearnedBy; // racy sites, by execution
  std::map<uint64_t, std::string> RoundSites; // round -> its racy_sites file ("": none)
  bool Terminal = false;
  bool ProgressShown = false;
  Clock::time_point Start, LastProgress;
};

/// True if the caller's WEFT_OPTIONS sets \p Key.
bool userSetOption(const std::string &Key) {
  const char *Env = std::getenv("WEFT_OPTIONS");
  if (!Env)
    return false;
  for (absl::string_view Part : absl::StrSplit(Env, absl::ByAnyChar(" ,:\t\n"), absl::SkipEmpty()))
    if (absl::StartsWith(Part, Key + "="))
      return true;
  return false;
}

std::string weftOptionsWith(const std::string &Extra) {
  const char *Env = std::getenv("WEFT_OPTIONS");
  std::string Opts = Env ? Env : "";
  if (!Extra.empty()) {
    if (!Opts.empty())
      Opts += ' ';
    Opts += Extra;
  }
  return Opts;
}

std::string TestRunner::reproduceLine(const std::string &Seed,
                                      const std::string &Extra) const {
  std::vector<std::string> Replay{Self.Argv0, "replay", Seed, "--"};
  Replay.insert(Replay.end(), Options.Program.begin(), Options.Program.end());
  std::string Opts = weftOptionsWith(Extra);
  std::string Line;
  if (!Opts.empty())
    Line = "WEFT_OPTIONS=" + shellQuote(Opts) + " ";
  return Line + shellJoin(Replay);
}

std::string TestRunner::runExtra(uint64_t N) const {
  std::string Extra = ExtraOptions;
  auto Add = [&Extra](absl::string_view More) {
    if (!Extra.empty())
      Extra += ' ';
    absl::StrAppend(&Extra, More);
  };
  if (Options.Portfolio)
    Add(portfolioOptions(indexOf(N) % kPortfolioSlots));
  // Preemption bounding enumerates: the index in the whole sequence names
  // the schedule (and shards split the enumeration like the seeds).
  if (Options.Strategy == "pb")
    Add(absl::StrCat("pb_index=", indexOf(N)));
  auto It = RoundSites.find(roundOf(N));
  if (It != RoundSites.end() && !It->second.empty())
    Add("racy_sites=" + It->second);
  return Extra;
}

bool TestRunner::roundReady(uint64_t N) {
  if (!Options.Directed)
    return true;
  uint64_t Round = roundOf(N);
  if (RoundSites.count(Round))
    return true;
  uint64_t Start = roundStart(Round);
  for (const Execution &E : Running)
    if (E.Index < Start)
      return false;
  std::set<std::string> Sites;
  for (const auto &[Index, Learned] : LearnedBy)
    if (Index < Start)
      Sites.insert(Learned.begin(), Learned.end());
  std::string Path;
  if (!Sites.empty()) {
    std::string Why;
    Path = writeSitesFile(Sites, Why);
    if (Path.empty()) {
      clearProgress();
      warning("race-directed points are off: %s", Why);
      Options.Directed = false;
    }
  }
  RoundSites[Round] = Path;
  return true;
}

std::vector<std::pair<std::string, std::string>>
TestRunner::runEnvironment(uint64_t N, size_t J) const {
  std::vector<std::pair<std::string, std::string>> Vars{{"WEFT_SEED", seedOf(N)}};
  std::string Opts = weftOptionsWith(runExtra(N));
  if (!Opts.empty())
    Vars.push_back({"WEFT_OPTIONS", Opts});
  // Each run pins its threads to one CPU (runtime/lib/interceptors/cpu_pinning.cc): jobs
  // started at the same moment would often pick the same one.
  if (Jobs.size() > 1 && !Cpus.empty())
    Vars.push_back({"WEFT_PIN_CPU", std::to_string(Cpus[J % Cpus.size()])});
  Vars.push_back({test_channel::kReportChannelEnv, channelPath(N)});
  return Vars;
}

bool TestRunner::resetChannel(uint64_t N) const {
  int Fd = open(channelPath(N).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (Fd < 0) {
    error("cannot create '%s': %s", channelPath(N), std::strerror(errno));
    return false;
  }
  close(Fd);
  return true;
}

double TestRunner::timeLimit() const {
  if (Options.TimeoutSeconds)
    return *Options.TimeoutSeconds;
  if (FirstDurations.empty())
    return kFirstRunFactor * Floor;
  double Slowest = *std::max_element(FirstDurations.begin(), FirstDurations.end());
  return std::max(Floor, kLimitFactor * Slowest);
}

void TestRunner::signalRun(const Execution &E, int Signal) {
  if (E.Forked)
    Jobs[E.Job].Server->kill(runId(E.Index), Signal);
  else if (E.Pid > 0)
    kill(E.Pid, Signal);
}

double TestRunner::untilNextDeadline() const {
  double Limit = timeLimit();
  if (Limit <= 0)
    return -1;
  std::optional<double> Next;
  for (const Execution &E : Running) {
    if (E.Queued || E.Killed)
      continue;
    double Left = E.TimedOut ? kDumpGraceSeconds - secondsSince(E.TimedOutAt)
                             : Limit - secondsSince(E.Started);
    if (!Next || Left < *Next)
      Next = Left;
  }
  // One already due (it came due since killExpired looked) waits a
  // millisecond, not forever.
  return Next ? std::max(0.001, *Next) : -1;
}

bool TestRunner::execute(Execution &E) {
  if (!resetChannel(E.Index))
    return false;
  std::vector<std::string> Env = environmentWith(runEnvironment(E.Index, E.Job));
  SpawnOptions Spawn;
  Spawn.Environment = &Env;
  Spawn.OutputFd = E.OutputFd;
  Spawn.NullStdin = true;
  Spawn.OwnProcessGroup = true;
  absl::StatusOr<pid_t> Pid = spawnProcess(Options.Program, Spawn);
  if (!Pid.ok()) {
    error("cannot execute '%s': %s", Options.Program[0],
          Pid.status().message());
    return false;
  }
  E.Pid = *Pid;
  E.Forked = false;
  E.Started = Clock::now();
  return true;
}

int TestRunner::pickJob() {
  for (size_t J = 0; J < Jobs.size(); ++J) {
    Job &Jb = Jobs[J];
    if (Jb.Outstanding != 0)
      continue;
    if (UseServers && !Jb.Tried) {
      Jb.Tried = true;
      ForkServer::Start How;
      std::string Why;
      Jb.Server = ForkServer::start(Options.Program, timeLimit(), How, Why);
      if (!Jb.Server) {
        UseServers = false;
        if (How != ForkServer::Start::NotServing && !Why.empty()) {
          clearProgress();
          std::fflush(stdout);
          note("not using a fork server: %s; every schedule executes the program",
               Why);
        }
      }
    }
    return static_cast<int>(J);
  }
  for (size_t J = 0; J < Jobs.size(); ++J)
    if (Jobs[J].Outstanding < Jobs[J].capacity())
      return static_cast<int>(J);
  return -1;
}

bool TestRunner::launch(uint64_t N, size_t J) {
  int Fd = memfd_create("weft-test-output", MFD_CLOEXEC);
  if (Fd < 0) {
    error("cannot create an output buffer: %s", std::strerror(errno));
    return false;
  }
  Job &Jb = Jobs[J];
  Execution E;
  E.Index = N;
  E.Job = J;
  E.OutputFd = Fd;
  E.Started = Clock::now();
  std::vector<std::pair<std::string, std::string>> Env = runEnvironment(N, J);
  if (Jb.Server && ForkServer::carries(Env)) {
    if (!resetChannel(N)) {
      close(Fd);
      return false;
    }
    E.Forked = true;
    E.Queued = Jb.Outstanding > 0;
    bool Sent = Jb.Server->run(Env, Fd, runId(N));
    Running.push_back(E);
    ++Jb.Outstanding;
    return Sent || serverDied(J);
  }
  if (!execute(E)) {
    close(Fd);
    return false;
  }
  Running.push_back(E);
  ++Jb.Outstanding;
  return true;
}

bool TestRunner::serverDied(size_t J) {
  clearProgress();
  warning("the fork server of job %d died (%s); that job executes the "
          "program for every schedule from now on",
          static_cast<int>(J + 1), Jobs[J].Server->deathReason());
  Jobs[J].Server.reset();
  // Its runs died with it (PR_SET_PDEATHSIG); the output they left is not
  // a run's output. Run those schedules again, executed.
  for (Execution &E : Running) {
    if (E.Job != J || !E.Forked)
      continue;
    // No longer the server's, and no process of its own until execute()
    // succeeds: killRunning() must neither ask the (gone) server nor
    // signal pid -1.
    E.Forked = E.Queued = E.TimedOut = E.Killed = false;
    E.Pid = -1;
    close(E.OutputFd);
    E.OutputFd = memfd_create("weft-test-output", MFD_CLOEXEC);
    if (E.OutputFd < 0) {
      error("cannot create an output buffer: %s", std::strerror(errno));
      return false;
    }
    if (!execute(E))
      return false;
  }
  return true;
}

void TestRunner::killExpired() {
  double Limit = timeLimit();
  if (Limit <= 0)
    return;
  for (Execution &E : Running) {
    if (E.Queued || E.Killed)
      continue;
    if (!E.TimedOut && secondsSince(E.Started) >= Limit) {
      // First ask where its threads are (weft/test_channel.h).
      E.TimedOut = true;
      E.TimedOutAt = Clock::now();
      E.Limit = Limit;
      signalRun(E, test_channel::dumpSignal());
    } else if (E.TimedOut && secondsSince(E.TimedOutAt) >= kDumpGraceSeconds) {
      E.Killed = true;
      signalRun(E, SIGKILL);
    }
  }
}

void TestRunner::finishExecution(size_t I, ExitStatus Status) {
  Execution &E = Running[I];
  Result R{Status, readAll(E.OutputFd), E.TimedOut, secondsSince(E.Started), "",
           E.TimedOut ? E.Limit : 0};
  close(E.OutputFd);
  std::string Channel = channelPath(E.Index);
  if (int Fd = open(Channel.c_str(), O_RDONLY | O_CLOEXEC); Fd >= 0) {
    R.Reports = readAll(Fd);
    close(Fd);
  }
  unlink(Channel.c_str());
  if (Options.Directed) {
    std::set<std::string> Sites;
    parseRacySites(R.Reports, Sites);
    if (!Sites.empty())
      LearnedBy[E.Index] = std::move(Sites);
  }
  if (!E.TimedOut && FirstDurations.size() < kMeasuredRuns)
    FirstDurations.push_back(R.Seconds);
  --Jobs[E.Job].Outstanding;
  Finished.emplace(E.Index, std::move(R));
  Running.erase(Running.begin() + static_cast<ptrdiff_t>(I));
}

bool TestRunner::collectForked(size_t J) {
  ExitStatus Status;
  uint32_t Id;
  if (!Jobs[J].Server->finish(Status, Id)) {
    if (serverDied(J))
      return false;
    // Cannot even execute them: they end as an execution that could not
    // start would.
    for (size_t I = 0; I < Running.size();) {
      if (Running[I].Job == J && Running[I].Pid < 0)
        finishExecution(I, ExitStatus{false, 127});
      else
        ++I;
    }
    return true;
  }
  for (size_t I = 0; I < Running.size(); ++I) {
    Execution &E = Running[I];
    if (E.Job != J || !E.Forked || runId(E.Index) != Id)
      continue;
    bool WasRunning = !E.Queued;
    finishExecution(I, Status);
    // The server has started the queued one already.
    if (WasRunning)
      for (Execution &Next : Running)
        if (Next.Job == J && Next.Queued) {
          Next.Queued = false;
          Next.Started = Clock::now();
        }
    return true;
  }
  return false; // not one we wait for
}

bool TestRunner::collect() {
  struct signalfd_siginfo Info;
  while (read(SignalFd, &Info, sizeof(Info)) > 0)
    if (Info.ssi_signo == SIGINT || Info.ssi_signo == SIGTERM)
      Interrupted = static_cast<int>(Info.ssi_signo);
  bool Any = false;
  for (size_t J = 0; J < Jobs.size(); ++J) {
    if (!Jobs[J].Server || Jobs[J].Outstanding == 0)
      continue;
    struct pollfd P = {Jobs[J].Server->fd(), POLLIN, 0};
    if (poll(&P, 1, 0) > 0 && collectForked(J))
      Any = true;
  }
  for (size_t I = 0; I < Running.size();) {
    Execution &E = Running[I];
    if (!E.Forked && E.Pid > 0) {
      int WaitStatus = 0;
      pid_t Pid = waitpid(E.Pid, &WaitStatus, WNOHANG);
      if (Pid == E.Pid || (Pid < 0 && errno != EINTR)) {
        // (Not ours any more, which cannot happen: never wait again.)
        finishExecution(I, Pid == E.Pid ? ExitStatus::fromWaitStatus(WaitStatus)
                                        : ExitStatus{false, 1});
        Any = true;
        continue;
      }
    }
    ++I;
  }
  return Any;
}

void TestRunner::reap() {
  while (!collect() && !Interrupted) {
    // Sleep until an executed child ends (SIGCHLD), a server answers, the
    // oldest execution reaches its time limit, or the progress line is due.
    std::vector<struct pollfd> Fds{{SignalFd, POLLIN, 0}};
    for (const Job &Jb : Jobs)
      if (Jb.Server && Jb.Outstanding)
        Fds.push_back({Jb.Server->fd(), POLLIN, 0});
    int Ms = -1;
    killExpired();
    if (double Wait = untilNextDeadline(); Wait > 0)
      Ms = static_cast<int>(std::min(Wait, 1e6) * 1000) + 1;
    if (Terminal)
      Ms = Ms < 0 ? 200 : std::min(Ms, 200);
    poll(Fds.data(), Fds.size(), Ms);
    progress(false);
  }
}

void TestRunner::clearProgress() {
  if (ProgressShown) {
    std::fputs("\r\033[K", stdout);
    ProgressShown = false;
  }
}

void TestRunner::progress(bool Force) {
  if (!Terminal)
    return;
  if (!Force && std::chrono::duration<double>(Clock::now() - LastProgress).count() < 0.1)
    return;
  LastProgress = Clock::now();
  double Secs = secondsSince(Start);
  std::printf("\r\033[Kweft test: %llu/%llu schedules, %zu failed, %.0f schedules/s",
              static_cast<unsigned long long>(Completed),
              static_cast<unsigned long long>(shardRuns()), Failures.size(),
              Secs > 0 ? static_cast<double>(Completed) / Secs : 0.0);
  std::fflush(stdout);
  ProgressShown = true;
}

void TestRunner::report(uint64_t N, Result &R) {
  FailureRecord F{indexOf(N), seedOf(N),
                  classifyFailure(R.Status, R.Output, R.TimedOut, R.Reports),
                  R.Status, std::move(R.Output), "", R.Seconds, "", ""};
  F.Reproduce = reproduceLine(F.Seed, runExtra(N));
  size_t Reported = countReports(R.Reports);
  F.TimedOutAfterReport = R.TimedOut && Reported > 0;
  // Reports the run's output lacks (log_path, a closed stderr) are shown
  // from its report file.
  if (Reported > 0 && F.Output.find(test_channel::kReportMarker) == std::string::npos) {
    if (!F.Output.empty() && F.Output.back() != '\n')
      F.Output += '\n';
    F.Output += "weft: reports the run recorded (not in its output):\n" + R.Reports;
  }
  clearProgress();
  std::fwrite(F.Output.data(), 1, F.Output.size(), stdout);
  if (!F.Output.empty() && F.Output.back() != '\n')
    std::fputc('\n', stdout);
  std::string Where = F.What.Location.empty() ? "" : " at " + F.What.Location;
  std::printf("weft: failure: %s%s with seed %s%s\n", F.What.Kind.c_str(),
              Where.c_str(), F.Seed.c_str(),
              F.TimedOutAfterReport ? " (then the run timed out)" : "");
  std::printf("weft: reproduce with: %s\n", F.Reproduce.c_str());
  if (R.TimedOut)
    std::printf("weft: note: the run exceeded its time limit of %.1fs (%s)\n", R.Limit,
                Options.TimeoutSeconds ? "--timeout"
                                       : "the default, from the first runs' duration; "
                                         "--timeout sets it");
  std::fflush(stdout);
  if (absl::StartsWith(F.What.Kind, "lock-order-inversion"))
    confirmDeadlock(F, runExtra(N));
  if (Failures.empty() && !Options.ScheduleFile.empty())
    saveSchedule(F, runExtra(N));
  if (!Options.HtmlDir.empty())
    drawTimeline(F, runExtra(N));
  Failures.push_back(std::move(F));
}

/// Runs the failing seed once more with the runtime's trace on and draws
/// it in --html DIR as <seed>.html (Timeline.h, Html.cpp).
void TestRunner::drawTimeline(const FailureRecord &F, const std::string &Extra) {
  TracedRun Run;
  std::string Error;
  std::string Path = Options.HtmlDir + "/" + F.Seed + ".html";
  if (!runTraced(Options.Program, {{"WEFT_SEED", F.Seed}, {"WEFT_OPTIONS", weftOptionsWith(Extra)}},
                 timeLimit(), Run, Error)) {
    warning("could not draw the timeline of seed %s: %s", F.Seed, Error);
    return;
  }
  if (!writeHtmlTimeline(F, Run.Steps, Path)) {
    warning("could not write '%s': %s", Path, std::strerror(errno));
    return;
  }
  std::printf("weft: timeline written to %s\n", Path.c_str());
  std::fflush(stdout);
}

/// Replays the failing seed once more, recording its schedule: the seed
/// names the same run, so only a failure pays for recording.
void TestRunner::saveSchedule(const FailureRecord &F, const std::string &Extra) {
  std::string Opts = weftOptionsWith(Extra);
  Opts += (Opts.empty() ? "" : " ") + std::string("schedule_out=") + Options.ScheduleFile;
  std::vector<std::string> Env =
      environmentWith({{"WEFT_SEED", F.Seed}, {"WEFT_OPTIONS", Opts}});
  SpawnOptions Spawn;
  Spawn.Environment = &Env;
  int Null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  Spawn.OutputFd = Null;
  Spawn.NullStdin = true;
  absl::StatusOr<pid_t> Pid = spawnProcess(Options.Program, Spawn);
  bool TimedOut = false;
  if (Pid.ok())
    waitProcessFor(*Pid, timeLimit(), TimedOut);
  close(Null);
  if (TimedOut || access(Options.ScheduleFile.c_str(), R_OK) != 0) {
    warning("could not save the schedule to '%s'%s", Options.ScheduleFile,
            TimedOut ? " (the replay ran out of time: --timeout)" : "");
    return;
  }
  std::printf("weft: schedule saved to %s (replay: %s replay --schedule-file %s -- %s)\n",
              Options.ScheduleFile.c_str(), Self.Argv0.c_str(),
              shellQuote(Options.ScheduleFile).c_str(),
              shellJoin(Options.Program).c_str());
}

/// The steer_deadlock= value a lock-order-inversion report printed.
std::string steerSites(absl::string_view Output) {
  constexpr absl::string_view Marker = "into this deadlock with: steer_deadlock=";
  size_t At = Output.find(Marker);
  if (At == absl::string_view::npos)
    return "";
  absl::string_view Rest = Output.substr(At + Marker.size());
  return std::string(Rest.substr(0, Rest.find('\n')));
}

void TestRunner::confirmDeadlock(FailureRecord &F, const std::string &RunExtra) {
  std::string Sites = steerSites(F.Output);
  if (Options.SteerRuns == 0 || Sites.empty() ||
      !SteeredLocations.insert(F.What.Location).second)
    return;
  std::string Extra = RunExtra + (RunExtra.empty() ? "" : " ") + "steer_deadlock=" + Sites;
  uint64_t Base = parseSeed(F.Seed).value_or(0);
  // An interrupt (read already, or still pending) stops the steering.
  for (uint64_t I = 0; I < Options.SteerRuns && !Interrupted && !pendingInterrupt(); ++I) {
    std::string Seed = formatSeed(scheduleSeed(Base, I));
    std::vector<std::string> Env = environmentWith(
        {{"WEFT_SEED", Seed}, {"WEFT_OPTIONS", weftOptionsWith(Extra)}});
    int Fd = memfd_create("weft-steer-output", MFD_CLOEXEC);
    if (Fd < 0)
      return;
    SpawnOptions Spawn;
    Spawn.Environment = &Env;
    Spawn.OutputFd = Fd;
    Spawn.NullStdin = true;
    absl::StatusOr<pid_t> Pid = spawnProcess(Options.Program, Spawn);
    if (!Pid.ok()) {
      close(Fd);
      return;
    }
    // A steered run can hang where the seed's did not: it has the same
    // time limit as every other run.
    bool TimedOut = false;
    ExitStatus Status = waitProcessFor(*Pid, timeLimit(), TimedOut);
    std::string Output = readAll(Fd);
    close(Fd);
    if (TimedOut || Status.Signaled || Status.Value != ExitDeadlock)
      continue;
    F.ConfirmedSeed = Seed;
    F.ConfirmedReproduce = reproduceLine(Seed, Extra);
    std::fwrite(Output.data(), 1, Output.size(), stdout);
    if (!Output.empty() && Output.back() != '\n')
      std::fputc('\n', stdout);
    std::printf("weft: confirmed deadlock: the lock-order inversion deadlocks "
                "with seed %s (steered schedule %llu of at most %llu)\n",
                Seed.c_str(), static_cast<unsigned long long>(I + 1),
                static_cast<unsigned long long>(Options.SteerRuns));
    std::printf("weft: reproduce the deadlock with: %s\n",
                F.ConfirmedReproduce.c_str());
    std::fflush(stdout);
    return;
  }
  if (Interrupted || pendingInterrupt()) {
    std::printf("weft: deadlock not confirmed: weft test was interrupted\n");
    std::fflush(stdout);
    return;
  }
  std::printf("weft: deadlock not confirmed: none of %llu schedules steered "
              "toward the lock-order inversion deadlocked\n",
              static_cast<unsigned long long>(Options.SteerRuns));
  std::fflush(stdout);
}

bool TestRunner::reportInOrder() {
  for (auto It = Finished.find(NextToReport); It != Finished.end();
       It = Finished.find(NextToReport)) {
    Result R = std::move(It->second);
    Finished.erase(It);
    ++NextToReport;
    ++Completed;
    if (RuntimeUnverified) {
      RuntimeUnverified = false;
      if (!R.failed() && R.Reports.find(test_channel::kStartMarker) == std::string::npos) {
        NoRuntime = true;
        return false;
      }
    }
    if (!R.failed())
      continue;
    report(NextToReport - 1, R);
    if (!Options.KeepGoing)
      return false;
  }
  return true;
}

void TestRunner::killRunning() {
  // Queued runs first: a server told to kill its running child before its
  // queued one would start the queued one.
  for (const Execution &E : Running)
    if (E.Forked && E.Queued)
      Jobs[E.Job].Server->kill(runId(E.Index));
  for (const Execution &E : Running) {
    if (E.Forked && !E.Queued)
      Jobs[E.Job].Server->kill(runId(E.Index));
    else if (!E.Forked && E.Pid > 0)
      kill(E.Pid, SIGKILL);
  }
  for (const Execution &E : Running)
    if (!E.Forked && E.Pid > 0)
      waitProcess(E.Pid);
  // Each killed run's status comes back at once; a server that died
  // instead is forgotten (its runs died with it).
  for (Job &Jb : Jobs) {
    size_t Waiting = 0;
    for (const Execution &E : Running)
      Waiting += E.Forked && &Jobs[E.Job] == &Jb;
    while (Waiting > 0 && Jb.Server) {
      struct pollfd P = {Jb.Server->fd(), POLLIN, 0};
      while (poll(&P, 1, -1) < 0 && errno == EINTR) {
      }
      ExitStatus Ignored;
      uint32_t Id;
      if (!Jb.Server->finish(Ignored, Id)) {
        Jb.Server.reset();
        break;
      }
      for (const Execution &E : Running)
        if (E.Forked && &Jobs[E.Job] == &Jb && runId(E.Index) == Id)
          --Waiting;
    }
    Jb.Outstanding = 0;
  }
  for (const Execution &E : Running) {
    close(E.OutputFd);
    unlink(channelPath(E.Index).c_str());
  }
  Running.clear();
}

void TestRunner::stopInterrupted() {
  collect(); // what ended meanwhile is a finished schedule
  killRunning();
  // The schedules that finished, in seed order (with gaps where a run was
  // stopped): the earliest failure among them is the one reported.
  for (auto &[N, R] : Finished) {
    ++Completed;
    if (!R.failed())
      continue;
    report(N, R);
    if (!Options.KeepGoing)
      break;
  }
  Finished.clear();
}

void TestRunner::summary(double Seconds) {
  if (!Failures.empty()) {
    std::printf("weft test: failures by kind:\n");
    for (const auto &G : groupFailures(Failures)) {
      std::vector<std::string> Seeds;
      for (size_t I = 0; I < G.size() && I < 8; ++I)
        Seeds.push_back(G[I]->Seed);
      if (G.size() > 8)
        Seeds.push_back("...");
      std::string Where = G[0]->What.Location.empty() ? "" : " at " + G[0]->What.Location;
      std::string Confirmed;
      for (const FailureRecord *F : G)
        if (Confirmed.empty() && !F->ConfirmedSeed.empty())
          Confirmed = "; confirmed deadlock with seed " + F->ConfirmedSeed;
      std::printf("  %s%s: %zu (seed%s %s%s)\n", G[0]->What.Kind.c_str(),
                  Where.c_str(), G.size(), G.size() > 1 ? "s" : "",
                  absl::StrJoin(Seeds, ", ").c_str(), Confirmed.c_str());
    }
  }
  std::printf("weft test: %.2fs, %.1f schedules/s\n", Seconds,
              Seconds > 0 ? static_cast<double>(Completed) / Seconds : 0.0);
}

TestResults TestRunner::results(double Seconds) const {
  TestResults R;
  R.Seed = formatSeed(BaseSeed);
  R.Strategy = Options.Strategy;
  R.Shard = absl::StrCat(Options.ShardIndex + 1, "/", Options.ShardCount);
  R.Program = shellJoin(Options.Program);
  R.Schedules = Completed;
  if (Interrupted)
    R.Interrupted = signalName(Interrupted);
  R.Seconds = Seconds;
  R.Failures = Failures;
  return R;
}

bool TestRunner::writeOutputs(double Seconds) {
  TestResults R = results(Seconds);
  struct {
    const std::string &Path;
    bool (*Write)(const TestResults &, const std::string &);
  } Outputs[] = {
      {Options.JsonPath, writeResultsJson},
      {Options.JunitPath, writeJunit},
      {Options.SarifPath,
       [](const TestResults &R, const std::string &Path) {
         return writeSarif(R, Path, "");
       }},
  };
  for (const auto &Output : Outputs) {
    if (Output.Path.empty() || Output.Write(R, Output.Path))
      continue;
    error("cannot write '%s': %s", Output.Path, std::strerror(errno));
    return false;
  }
  return true;
}

/// The signals weft test reads instead of dying of them: SIGCHLD, and
/// SIGINT and SIGTERM, so that they stop the runs in an orderly way
/// (stopInterrupted) and a second one cannot cut the files short. Blocked
/// from the first line weft test prints to its end, never unblocked (a
/// pending one would kill it before it said what it found); children start
/// unblocked (spawnProcess resets their signal mask).
sigset_t blockedSignals() {
  sigset_t Set;
  sigemptyset(&Set);
  for (int Sig : {SIGCHLD, SIGINT, SIGTERM})
    sigaddset(&Set, Sig);
  return Set;
}

/// A private directory for the runs' report files, or "" (with an error).
std::string makeChannelDir() {
  const char *Tmp = std::getenv("TMPDIR");
  std::string Template = std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/weft-test-XXXXXX";
  if (!mkdtemp(Template.data())) {
    error("cannot create a directory for the runs' reports: %s: %s", Template,
          std::strerror(errno));
    return "";
  }
  return Template;
}

int TestRunner::run() {
  Terminal = isatty(STDOUT_FILENO);
  Start = LastProgress = Clock::now();
  // SIGCHLD stays blocked so that a timed wait for it (sigtimedwait) cannot
  // miss one that arrives between two checks; SIGINT and SIGTERM were
  // blocked by testCommand (blockedSignals).
  sigset_t Waited = blockedSignals();
  sigprocmask(SIG_BLOCK, &Waited, nullptr);
  SignalFd = signalfd(-1, &Waited, SFD_NONBLOCK | SFD_CLOEXEC);
  if (SignalFd < 0) {
    error("cannot wait for executions: signalfd: %s", std::strerror(errno));
    return ExitFailure;
  }
  ChannelDir = makeChannelDir();
  if (ChannelDir.empty())
    return ExitFailure;
  uint64_t Total = shardRuns();
  UseServers = Options.ForkServer;
  Jobs.resize(std::min<uint64_t>(Options.Jobs, Total));
  cpu_set_t Allowed;
  if (sched_getaffinity(0, sizeof(Allowed), &Allowed) == 0)
    for (int C = 0; C < CPU_SETSIZE; ++C)
      if (CPU_ISSET(C, &Allowed))
        Cpus.push_back(C);
  bool Stopped = false;
  Interrupted = pendingInterrupt(); // during PCT's calibration run
  for (;;) {
    int J;
    while (!Stopped && !Interrupted && NextToLaunch < Total && roundReady(NextToLaunch) &&
           (J = pickJob()) >= 0) {
      if (!launch(NextToLaunch++, static_cast<size_t>(J))) {
        killRunning();
        Jobs.clear();
        close(SignalFd);
        rmdir(ChannelDir.c_str());
        clearProgress();
        return ExitFailure;
      }
    }
    if (!Interrupted)
      Interrupted = pendingInterrupt(); // one that came while reporting
    if (Running.empty() && !Interrupted)
      break;
    if (!Interrupted)
      reap();
    if (Interrupted) {
      stopInterrupted();
      break;
    }
    if (!reportInOrder()) {
      killRunning();
      Finished.clear();
      Stopped = true;
    }
    progress(false);
  }
  Jobs.clear();
  close(SignalFd);
  rmdir(ChannelDir.c_str());
  clearProgress();
  if (NoRuntime) {
    error("'%s' started no weft runtime in its first schedule: build the "
          "program it runs with -race (weft cc -race) to test it",
          Options.Program[0]);
    return ExitUsage;
  }
  double Seconds = secondsSince(Start);
  summary(Seconds);
  if (Interrupted)
    std::printf("weft test: interrupted by %s: the runs in flight were stopped\n",
                signalName(Interrupted).c_str());
  std::printf("weft test: %llu schedules, %zu failed\n",
              static_cast<unsigned long long>(Completed), Failures.size());
  std::fflush(stdout);
  if (!writeOutputs(Seconds))
    return ExitFailure;
  if (Interrupted)
    return 128 + Interrupted;
  return Failures.empty() ? 0 : ExitFailure;
}

/// PCT needs the length of a run: one run of the program under the default
/// strategy, recording its schedule, tells how many steps it takes. Returns
/// 0 if it could not be measured.
uint64_t measureSteps(const TestOptions &Options, uint64_t BaseSeed,
                      const std::string &ExtraOptions) {
  char Dir[] = "/tmp/weft-pct-XXXXXX";
  if (!mkdtemp(Dir))
    return 0;
  std::string File = std::string(Dir) + "/calibration.schedule";
  std::string Opts = weftOptionsWith(ExtraOptions + " schedule_out=" + File);
  std::vector<std::string> Env = environmentWith(
      {{"WEFT_SEED", formatSeed(BaseSeed)}, {"WEFT_OPTIONS", Opts}});
  SpawnOptions Spawn;
  Spawn.Environment = &Env;
  int Null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  Spawn.OutputFd = Null;
  Spawn.NullStdin = true;
  uint64_t Steps = 0;
  absl::StatusOr<pid_t> Pid = spawnProcess(Options.Program, Spawn);
  if (Pid.ok()) {
    bool TimedOut;
    waitProcessFor(*Pid, firstRunLimit(Options), TimedOut);
    std::ifstream In(File);
    std::string Line;
    while (std::getline(In, Line) && !Line.empty())
      if (absl::StartsWith(Line, "steps "))
        absl::SimpleAtoi(Line.substr(6), &Steps);
  }
  close(Null);
  unlink(File.c_str());
  rmdir(Dir);
  return Steps;
}

} // namespace

/// An output file weft test will write: false (with an error) if it cannot
/// be, found out before the first schedule rather than after the last.
bool checkOutputPath(const char *Flag, const std::string &Path) {
  struct stat St;
  if (stat(Path.c_str(), &St) == 0) {
    if (S_ISDIR(St.st_mode)) {
      error("cannot write '%s' (%s): it is a directory", Path, Flag);
      return false;
    }
    if (access(Path.c_str(), W_OK) != 0) {
      error("cannot write '%s' (%s): %s", Path, Flag, std::strerror(errno));
      return false;
    }
    return true;
  }
  if (errno != ENOENT) {
    error("cannot write '%s' (%s): %s", Path, Flag, std::strerror(errno));
    return false;
  }
  size_t Slash = Path.rfind('/');
  std::string Dir = Slash == std::string::npos ? "." : Slash == 0 ? "/" : Path.substr(0, Slash);
  if (access(Dir.c_str(), W_OK | X_OK) != 0) {
    error("cannot write '%s' (%s): %s", Path, Flag, std::strerror(errno));
    return false;
  }
  return true;
}

int testCommand(const Invocation &Self, const std::vector<std::string> &Args) {
  TestOptions Options;
  if (std::optional<int> Exit = parseTestArgs(Args, Options))
    return *Exit;
  for (auto [Flag, Path] : {std::pair<const char *, const std::string *>{"--json", &Options.JsonPath},
                            {"--junit", &Options.JunitPath},
                            {"--schedule-file", &Options.ScheduleFile}})
    if (!Path->empty() && !checkOutputPath(Flag, *Path))
      return ExitUsage;
  if (!Options.HtmlDir.empty()) {
    struct stat St;
    if (mkdir(Options.HtmlDir.c_str(), 0755) != 0 &&
        (errno != EEXIST || stat(Options.HtmlDir.c_str(), &St) != 0 || !S_ISDIR(St.st_mode))) {
      error("cannot use '%s' as the --html directory: %s", Options.HtmlDir,
            errno == EEXIST ? "it is not a directory" : std::strerror(errno));
      return ExitUsage;
    }
  }
  // Runs of a program without the runtime can only pass: refuse to say so.
  std::string Checked;
  RuntimeCheck Runtime = checkWeftRuntime(Options.Program, Checked);
  if (Runtime == RuntimeCheck::Missing) {
    error("'%s' has no weft runtime: build it with -race (weft cc -race) to "
          "test it",
          Options.Program[0]);
    return ExitUsage;
  }
  sigset_t Blocked = blockedSignals();
  sigprocmask(SIG_BLOCK, &Blocked, nullptr);
  uint64_t BaseSeed =
      Options.BaseSeed ? *Options.BaseSeed : randomBaseSeed();
  std::vector<std::string> Extra;
  if (Options.EarlyWakeups)
    Extra.push_back("early_wakeups=1");
  // A single run switches threads rarely (preemption_rate=0.1) to stay fast;
  // exploring gives every runnable thread an equal chance at every point,
  // unless the user chose a rate.
  Options.Portfolio = !Options.StrategyGiven && !userSetOption("strategy") &&
                      !userSetOption("quantum") && !userSetOption("preemption_rate");
  if (Options.Strategy == "random" && !Options.Portfolio && !userSetOption("preemption_rate"))
    Extra.push_back("preemption_rate=-1");
  if (Options.Strategy != "random")
    Extra.push_back("strategy=" + Options.Strategy);
  if (Options.Strategy == "pct" || Options.Strategy == "pb") {
    uint64_t Steps = Options.PctSteps ? *Options.PctSteps : 0;
    if (!Steps) {
      Steps = measureSteps(Options, BaseSeed, absl::StrJoin(Extra, " ") + " strategy=random");
      if (!Steps) {
        warning("could not measure the program's run length; using pct_steps=1000");
        Steps = 1000;
      }
    }
    if (Options.Strategy == "pct") {
      Extra.push_back(absl::StrCat("pct_depth=", Options.PctDepth));
      Extra.push_back(absl::StrCat("pct_steps=", Steps));
    } else {
      Extra.push_back(absl::StrCat("pb_bound=", Options.PbBound));
      Extra.push_back(absl::StrCat("pb_steps=", Steps));
    }
  }
  std::string ExtraOptions = absl::StrJoin(Extra, " ");
  std::printf("weft test: seed %s, %llu schedules, %llu at a time",
              formatSeed(BaseSeed).c_str(),
              static_cast<unsigned long long>(Options.Runs),
              static_cast<unsigned long long>(Options.Jobs));
  if (Options.ShardCount > 1)
    std::printf(", shard %llu/%llu",
                static_cast<unsigned long long>(Options.ShardIndex + 1),
                static_cast<unsigned long long>(Options.ShardCount));
  if (Options.Strategy != "random")
    std::printf(" (%s)", ExtraOptions.c_str());
  std::printf("\n");
  std::fflush(stdout);
  TestRunner Runner(Self, Options, BaseSeed, ExtraOptions,
                    Runtime != RuntimeCheck::Present);
  return Runner.run();
}

} // namespace driver
} // namespace weft
