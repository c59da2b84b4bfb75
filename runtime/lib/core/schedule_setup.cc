//===- schedule_setup.cc - Choosing the strategy, schedule files ----------===//
//
// Builds the strategy the options ask for, wraps it in a recorder when the
// schedule is to be written (schedule_out=) or minimized, and reads a
// schedule to replay (schedule_in=). The file layout (docs/scheduling.md):
//
//   weft-schedule 1
//   seed 0x5eed
//   strategy pct
//   steps 812
//   preemptions 3
//   early_wakeups 1          options that decide which questions a run
//   spurious_wakeups 0       asks; a replay takes them from the file
//   racy_sites m+0x1/m+0x2   race-directed points (only when there are any)
//   <empty line>
//   T0 q1734 T1 q12 T0! q3 w1/2 ...      decisions, 16 tokens a line
//
// Files are read and written with raw system calls before main or at exit,
// where the program's stdio and malloc must not be used.
//
//===----------------------------------------------------------------------===//

#include "core/rtl.h"
#include "core/code_site.h"
#include "core/racy_sites.h"
#include "sync/deadlock_steering.h"
#include "report/trace_export.h"
#include "base/internal_libc.h"

#include "base/raw_syscall.h"
#include "strategies/pct_strategy.h"
#include "strategies/pos_strategy.h"
#include "strategies/preemption_bounding_strategy.h"
#include "strategies/random_strategy.h"
#include "strategies/recording_strategy.h"
#include "strategies/replay_strategy.h"
#include "core/text_buffer.h"

#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {

namespace {

ScheduleLog *Recorded;          // what this run decided, when recording
RecordingStrategy *Recorder;
ScheduleLog *ToReplay;          // the schedule_in decisions
ReplayStrategy *Replayer;
const char *StrategyName = "random";

[[noreturn]] void scheduleFileError(const char *What, const char *Path) {
  rawPrint("weft: error: ");
  rawPrint(What);
  rawPrint(" schedule file '");
  rawPrint(Path);
  rawPrint("'\n");
  rawExit(2);
}

void onDivergence(const char *Message) {
  UnscheduledScope Quiet;
  TextBuffer B;
  B << Message << '\n';
  rawWriteAll(Rt.LogFd, B.str(), B.size());
  rawExit(Rt.Opts.diverged_exitcode);
}

bool startsWith(const char *S, const char *Prefix) {
  return internalStrncmp(S, Prefix, internalStrlen(Prefix)) == 0;
}

/// The hex number at \p P, "0x" optional, up to the first other character.
uint64_t parseHex(const char *P, const char *End) {
  if (P[0] == '0' && P[1] == 'x')
    P += 2;
  uint64_t V;
  code_site::parseHex(P, End, &V);
  return V;
}

void loadSchedule(const char *Path) {
  // Cut into lines in place; lives for the rest of the run (the replay
  // strategy keeps pointers into it).
  TextBuffer *File = internalNew<TextBuffer>();
  bool Opened;
  if (!File->appendFile(Path, &Opened))
    scheduleFileError(Opened ? "cannot read" : "cannot open", Path);
  char *Text = File->data();
  if (!startsWith(Text, "weft-schedule 1\n"))
    scheduleFileError("not a weft schedule (no 'weft-schedule 1' line):", Path);
  // Header lines until an empty line; only the seed matters to a replay.
  char *P = Text;
  for (;;) {
    char *Eol = const_cast<char *>(internalStrchr(P, '\n'));
    if (!Eol)
      scheduleFileError("no decisions (no empty line after the header) in", Path);
    if (Eol == P) {
      P = Eol + 1;
      break;
    }
    // The seed, and the options that decide which questions a run asks.
    if (startsWith(P, "seed "))
      Rt.Seed = parseHex(P + 5, Eol);
    else if (startsWith(P, "early_wakeups "))
      Rt.Opts.early_wakeups = P[14] == '1';
    else if (startsWith(P, "spurious_wakeups "))
      Rt.Opts.spurious_wakeups = P[17] == '1';
    else if (startsWith(P, "racy_sites "))
      racy_sites::addList(P + 11, size_t(Eol - P - 11));
    P = Eol + 1;
  }
  ToReplay = internalNew<ScheduleLog>();
  size_t ErrorAt;
  if (!parseDecisions(P, File->size() - size_t(P - Text), *ToReplay, ErrorAt)) {
    TextBuffer B;
    B << "weft: error: bad decision at byte ";
    B.dec(uint64_t(P - Text) + ErrorAt);
    B << " of schedule file '" << Path << "'\n";
    rawWriteAll(2, B.str(), B.size());
    rawExit(2);
  }
  internalFree(Text);
}

} // namespace

Strategy *makeStrategy() {
  const Flags &O = Rt.Opts;
  uint32_t Quantum = static_cast<uint32_t>(O.quantum);
  Strategy *S;
  StrategyName = O.strategy;
  if (!internalStrcmp(O.strategy, "replay")) {
    loadSchedule(O.schedule_in);
    Replayer = internalNew<ReplayStrategy>(ToReplay, O.replay_fill, Quantum, onDivergence);
    S = Replayer;
  } else if (!internalStrcmp(O.strategy, "pct")) {
    S = internalNew<PctStrategy>(static_cast<uint32_t>(O.pct_depth), O.pct_steps, Quantum);
  } else if (!internalStrcmp(O.strategy, "pos")) {
    S = internalNew<PosStrategy>(Quantum);
  } else if (!internalStrcmp(O.strategy, "pb")) {
    S = internalNew<PreemptionBoundingStrategy>(static_cast<uint32_t>(O.pb_bound), O.pb_steps,
                                                static_cast<uint32_t>(O.pb_width), O.pb_index,
                                                Quantum);
  } else {
    S = internalNew<RandomStrategy>(Quantum, O.PreemptionNum, O.PreemptionDen);
  }
  Rt.Sched.setEarlyWakeups(O.early_wakeups);
  // A replay's decisions already include the steering that produced them.
  if (!Replayer)
    S = deadlock_steering::wrap(S);
  if (O.schedule_out && *O.schedule_out) {
    Recorded = internalNew<ScheduleLog>();
    Recorder = internalNew<RecordingStrategy>(S, Recorded);
    S = Recorder;
  }
  return trace_export::wrap(S);
}

void finishSchedule(bool NormalExit) {
  if (NormalExit && Replayer)
    Replayer->checkFinished();
  trace_export::write();
  if (!Recorder)
    return;
  UnscheduledScope Quiet;
  const char *Path = Rt.Opts.schedule_out;
  Recorder = nullptr; // once, even if a report path comes back here
  TextBuffer B;
  B << "weft-schedule 1\nseed ";
  B.hex(Rt.Seed);
  B << "\nstrategy " << StrategyName << "\nsteps ";
  B.dec(Rt.Sched.steps());
  B << "\npreemptions ";
  uint64_t Preemptions = 0;
  for (const Decision &D : *Recorded)
    Preemptions += D.Preemption;
  B.dec(Preemptions);
  B << "\nearly_wakeups " << (Rt.Opts.early_wakeups ? '1' : '0');
  B << "\nspurious_wakeups " << (Rt.Opts.spurious_wakeups ? '1' : '0');
  if (racy_sites::directed()) {
    B << "\nracy_sites ";
    racy_sites::appendList(B);
  }
  B << "\n\n";
  char Tok[32];
  size_t OnLine = 0;
  for (const Decision &D : *Recorded) {
    formatDecision(D, Tok);
    B << Tok << (++OnLine % 16 == 0 ? '\n' : ' ');
  }
  B << '\n';
  int Fd = static_cast<int>(rawCall(SYS_open, Path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (Fd < 0) {
    rawPrint("weft: error: cannot write schedule file '");
    rawPrint(Path);
    rawPrint("'\n");
    return;
  }
  rawWriteAll(Fd, B.str(), B.size());
  rawCall(SYS_close, Fd);
}

} // namespace weft
