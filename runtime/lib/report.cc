//===- report.cc - Every report weft prints, and the line that replays it -===//

#include "report.h"

#include "base/raw_syscall.h"
#include "symbolizer.h"
#include "text_buffer.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {
namespace {

const char *const kRule = "==================\n";

void threadName(TextBuffer &B, ThreadId T) {
  if (T == ThreadId::Main) {
    B << "main thread";
    return;
  }
  B << "thread T";
  B.dec(index(T));
}

bool isRuntimeFrame(const CodeFrame &F) {
  return !strncmp(F.Function, "__weft", 6) || !strncmp(F.Function, "weft::", 6);
}

/// Prints a stack, innermost frame first; returns the first user frame in
/// \p Top (if non-null) for the SUMMARY line.
void printStack(TextBuffer &B, StackId Leaf, CodeFrame *Top = nullptr) {
  uintptr_t Pcs[256];
  size_t N = stack_trie::frames(Leaf, Pcs, 256);
  unsigned FrameNo = 0;
  bool HaveTop = false;
  for (size_t I = 0; I < N; ++I) {
    CodeFrame Frames[8];
    size_t K = symbolizeCode(Pcs[I], Frames, 8);
    for (size_t J = 0; J < K; ++J) {
      const CodeFrame &F = Frames[J];
      if (isRuntimeFrame(F))
        continue;
      B << "    #";
      B.dec(FrameNo++);
      B << ' ' << F.Function << ' ';
      if (F.File) {
        B << F.File << ':';
        B.dec(F.Line);
        B << ':';
        B.dec(F.Column);
      } else {
        B << "<null>";
      }
      B << " (" << F.Module << '+';
      B.hex(F.ModuleOffset);
      B << ")\n";
      if (Top && !HaveTop) {
        *Top = F;
        HaveTop = true;
      }
    }
  }
  if (FrameNo == 0)
    B << "    <empty stack>\n";
  if (Top && !HaveTop)
    *Top = CodeFrame{"<null>", nullptr, 0, 0, "", 0};
}

void appendShellQuoted(TextBuffer &B, const char *S) {
  bool Plain = *S != 0;
  for (const char *P = S; *P; ++P)
    if (!((*P >= 'a' && *P <= 'z') || (*P >= 'A' && *P <= 'Z') ||
          (*P >= '0' && *P <= '9') || strchr("-_./=:,+@%", *P)))
      Plain = false;
  if (Plain) {
    B << S;
    return;
  }
  B << '\'';
  for (const char *P = S; *P; ++P) {
    if (*P == '\'')
      B << "'\\''";
    else
      B << *P;
  }
  B << '\'';
}

void appendCommandLine(TextBuffer &B) {
  if (const char *Cmd = getenv("WEFT_REPRODUCE_COMMAND")) {
    B << Cmd;
    return;
  }
  int Fd = static_cast<int>(syscall(SYS_open, "/proc/self/cmdline", O_RDONLY | O_CLOEXEC));
  if (Fd < 0)
    return;
  TextBuffer Raw;
  char Buf[4096];
  long N;
  while ((N = syscall(SYS_read, Fd, Buf, sizeof(Buf))) > 0)
    Raw.append(Buf, size_t(N));
  syscall(SYS_close, Fd);
  const char *P = Raw.str();
  const char *End = P + Raw.size();
  bool First = true;
  while (P < End) {
    if (!First)
      B << ' ';
    appendShellQuoted(B, P);
    First = false;
    P += strlen(P) + 1;
  }
}

void appendReproduce(TextBuffer &B) {
  B << "To reproduce: ";
  const char *Opts = getenv("WEFT_OPTIONS");
  if (Opts && *Opts) {
    B << "WEFT_OPTIONS=";
    appendShellQuoted(B, Opts);
    B << ' ';
  }
  B << "WEFT_SEED=";
  B.hex(Rt.Seed);
  B << ' ';
  appendCommandLine(B);
  B << '\n';
}

void emit(const TextBuffer &B) { rawWriteAll(Rt.LogFd, B.str(), B.size()); }

void header(TextBuffer &B, const char *Kind) {
  B << kRule << "WARNING: weft: " << Kind << " (pid=";
  B.dec(uint64_t(rawGetpid()));
  B << ")\n";
}

void summary(TextBuffer &B, const char *Kind, const CodeFrame &Top) {
  B << "SUMMARY: weft: " << Kind << ' ';
  if (Top.File) {
    B << Top.File << ':';
    B.dec(Top.Line);
    B << ':';
    B.dec(Top.Column);
  } else {
    B << '(' << Top.Module << '+';
    B.hex(Top.ModuleOffset);
    B << ')';
  }
  B << " in " << Top.Function << '\n';
  appendReproduce(B);
  B << kRule;
}

void describeAccess(TextBuffer &B, const char *Prefix, RawSlot S, uintptr_t GranuleAddr) {
  uint8_t Mask = slotMask(S);
  B << "  " << Prefix;
  const char *Kind = slotWrite(S) ? "write" : "read";
  if (slotAtomic(S))
    B << (Prefix[0] ? "atomic " : "Atomic ") << Kind;
  else if (Prefix[0])
    B << Kind;
  else
    B << (slotWrite(S) ? "Write" : "Read");
  B << " of size ";
  B.dec(uint64_t(__builtin_popcount(Mask)));
  B << " at ";
  B.hex(GranuleAddr + uint64_t(__builtin_ctz(Mask)));
  B << " by ";
  threadName(B, slotTid(S));
  B << ":\n";
}

void describeThread(TextBuffer &B, ThreadId T) {
  if (T == ThreadId::Main)
    return;
  ThreadState *TS = threadById(T);
  B << "  Thread T";
  B.dec(index(T));
  B << (TS->Finished ? " (finished)" : " (running)") << " created by ";
  threadName(B, TS->Parent);
  B << " at:\n";
  printStack(B, TS->CreationStack);
  B << '\n';
}

void describeLocation(TextBuffer &B, uintptr_t Addr) {
  HeapBlock HB;
  if (uintptr_t Start = findHeapBlock(Addr, &HB)) {
    B << "  Location is heap block of size ";
    B.dec(HB.Size);
    B << " at ";
    B.hex(Start);
    B << " allocated by ";
    threadName(B, HB.AllocTid);
    B << ":\n";
    printStack(B, HB.AllocStack);
    B << '\n';
    return;
  }
  DataSymbol D;
  if (symbolizeData(Addr, &D)) {
    B << "  Location is global '" << D.Name << "' of size ";
    B.dec(D.Size);
    B << " at ";
    B.hex(D.Start);
    B << " (" << D.Module << '+';
    B.hex(D.ModuleOffset - (Addr - D.Start));
    B << ")\n\n";
    return;
  }
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (Addr >= T->StackLo && Addr < T->StackHi) {
      B << "  Location is stack of ";
      threadName(B, T->tid());
      B << ".\n\n";
      return;
    }
  }
}

// Distinct race pairs seen so far, by the pcs of both accesses.
struct RacePair {
  uintptr_t A, B;
};
InternalVector<RacePair> SeenRaces;

bool alreadyReported(uintptr_t A, uintptr_t B) {
  if (A > B) {
    uintptr_t T = A;
    A = B;
    B = T;
  }
  for (const RacePair &P : SeenRaces)
    if (P.A == A && P.B == B)
      return true;
  SeenRaces.push_back({A, B});
  return false;
}

void flushProgramOutput() {
  fflush(nullptr);
  finishSchedule(/*NormalExit=*/false);
}

void afterReport(int ExitCode) {
  ++Rt.ReportCount;
  if (Rt.Opts.halt_on_error) {
    flushProgramOutput();
    rawExit(ExitCode);
  }
}

const char *waitDescription(const GreenThread &G) {
  switch (G.Wait.Kind) {
  case WaitKind::Mutex:
    return "to lock mutex";
  case WaitKind::RwLockRead:
    return "to read-lock rwlock";
  case WaitKind::RwLockWrite:
    return "to write-lock rwlock";
  case WaitKind::CondVar:
    return "on condition variable";
  case WaitKind::Join:
    return "to join";
  case WaitKind::Sleep:
    return "in sleep";
  case WaitKind::Once:
    return "for a once-initialization by another thread";
  case WaitKind::StaticInit:
    return "for a static initialization by another thread";
  case WaitKind::None:
    break;
  }
  return "";
}

} // namespace

void reportDataRace(ThreadState *Thr, uintptr_t GranuleAddr, RawSlot Cur,
                    uintptr_t Pc, RawSlot Prev, StackId PrevStack) {
  if (alreadyReported(Pc, stack_trie::node(PrevStack).Pc))
    return;
  TextBuffer B;
  header(B, "data race");
  CodeFrame Top;
  describeAccess(B, "", Cur, GranuleAddr);
  printStack(B, stack_trie::child(Thr->Stack, Pc), &Top);
  B << '\n';
  describeAccess(B, "Previous ", Prev, GranuleAddr);
  printStack(B, PrevStack);
  B << '\n';
  describeLocation(B, GranuleAddr + uint64_t(__builtin_ctz(slotMask(Cur))));
  describeThread(B, Thr->tid());
  if (slotTid(Prev) != Thr->tid())
    describeThread(B, slotTid(Prev));
  summary(B, "data race", Top);
  emit(B);
  afterReport(Rt.Opts.exitcode);
}

void reportDeadlock() {
  TextBuffer B;
  header(B, "deadlock");
  B << "  Every thread is blocked.\n\n";
  CodeFrame Top{"<null>", nullptr, 0, 0, "", 0};
  bool HaveTop = false;
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (T->Green.Status != ThreadStatus::Blocked)
      continue;
    B << "  ";
    if (T->tid() == ThreadId::Main) {
      B << "Main thread";
    } else {
      B << "Thread T";
      B.dec(index(T->tid()));
    }
    B << " is waiting " << waitDescription(T->Green);
    if (T->Green.Wait.Kind == WaitKind::Join) {
      B << ' ';
      threadName(B, static_cast<ThreadId>(T->Green.Wait.Object));
    } else if (T->Green.Wait.Kind != WaitKind::Sleep) {
      B << ' ';
      B.hex(T->Green.Wait.Object);
      if (T->Green.Wait.Kind == WaitKind::Mutex)
        if (SyncVar *S = syncFind(T->Green.Wait.Object))
          if (S->Mutex.isLocked()) {
            B << " held by ";
            threadName(B, S->Mutex.owner());
          }
    }
    B << ":\n";
    printStack(B, T->BlockedStack, HaveTop ? nullptr : &Top);
    HaveTop = true;
    B << '\n';
  }
  summary(B, "deadlock", Top);
  emit(B);
  flushProgramOutput();
  rawExit(Rt.Opts.deadlock_exitcode);
}

void reportStepLimit() {
  TextBuffer B;
  header(B, "step limit reached (livelock?)");
  B << "  The run took more than ";
  B.dec(Rt.Opts.max_steps);
  B << " scheduling steps (max_steps).\n\n";
  // Every live thread, the running one first: a livelock is usually two or
  // more threads waiting on each other without blocking.
  CodeFrame Top;
  B << "  ";
  threadName(B, CurThread->tid());
  B << " was running:\n";
  printStack(B, CurThread->Stack, &Top);
  B << '\n';
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (T == CurThread || T->Green.Status == ThreadStatus::Finished)
      continue;
    B << "  ";
    threadName(B, T->tid());
    if (T->Green.Status == ThreadStatus::Blocked) {
      B << " was waiting " << waitDescription(T->Green) << ":\n";
      printStack(B, T->BlockedStack);
    } else {
      B << " was runnable:\n";
      printStack(B, T->Stack);
    }
    B << '\n';
  }
  summary(B, "livelock", Top);
  emit(B);
  flushProgramOutput();
  rawExit(Rt.Opts.crash_exitcode);
}

void reportCrash(int Signal, uintptr_t FaultAddr, uintptr_t Pc) {
  TextBuffer B;
  const char *Name = Signal == SIGSEGV ? "SEGV"
                     : Signal == SIGBUS ? "BUS"
                     : Signal == SIGFPE ? "FPE"
                     : Signal == SIGILL ? "ILL"
                     : Signal == SIGABRT ? "ABRT"
                                         : "signal";
  TextBuffer Kind;
  Kind << "crash (" << Name << ")";
  header(B, Kind.str());
  B << "  Signal " << Name;
  if (Signal == SIGSEGV || Signal == SIGBUS) {
    B << " on address ";
    B.hex(FaultAddr);
  }
  B << " in ";
  ThreadState *Thr = CurThread;
  CodeFrame Top;
  if (Thr) {
    threadName(B, Thr->tid());
    B << ":\n";
    // The faulting pc is not a return address: +1 makes the symbolizer look
    // at the instruction itself.
    printStack(B, Pc ? stack_trie::child(Thr->Stack, Pc + 1) : Thr->Stack, &Top);
  } else {
    B << "a thread not scheduled by weft\n";
    Top = CodeFrame{"<null>", nullptr, 0, 0, "", 0};
  }
  B << '\n';
  summary(B, Kind.str(), Top);
  emit(B);
  flushProgramOutput();
  rawExit(Rt.Opts.crash_exitcode);
}

void reportAssertion(const char *Expr, const char *File, unsigned Line,
                     const char *Function, uintptr_t Pc) {
  TextBuffer B;
  header(B, "assertion failed");
  B << "  Assertion '" << Expr << "' failed at " << File << ':';
  B.dec(Line);
  B << " in " << (Function ? Function : "?") << ", in ";
  ThreadState *Thr = CurThread;
  CodeFrame Top{"<null>", nullptr, 0, 0, "", 0};
  if (Thr) {
    threadName(B, Thr->tid());
    B << ":\n";
    printStack(B, stack_trie::child(Thr->Stack, Pc), &Top);
  } else {
    B << "a thread not scheduled by weft\n";
  }
  B << '\n';
  summary(B, "assertion failed", Top);
  emit(B);
  flushProgramOutput();
  rawExit(Rt.Opts.crash_exitcode);
}

void reportMutexMisuse(const char *What, uintptr_t Mutex, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  TextBuffer B;
  header(B, What);
  B << "  " << What << ' ';
  B.hex(Mutex);
  B << " by ";
  threadName(B, Thr->tid());
  B << ":\n";
  CodeFrame Top;
  printStack(B, stack_trie::child(Thr->Stack, Pc), &Top);
  B << '\n';
  summary(B, What, Top);
  emit(B);
  afterReport(Rt.Opts.exitcode);
}

int finalReportStatus() {
  if (Rt.ReportCount == 0)
    return -1;
  TextBuffer B;
  B << "weft: reported ";
  B.dec(Rt.ReportCount);
  B << (Rt.ReportCount == 1 ? " warning\n" : " warnings\n");
  emit(B);
  return Rt.Opts.exitcode;
}

} // namespace weft
