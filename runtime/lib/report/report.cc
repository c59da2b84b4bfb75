//===- report.cc - Every report weft prints, and the line that replays it -===//

#include "report/report.h"
#include "interceptors/fd_memory.h"
#include "report/sarif_export.h"
#include "base/internal_libc.h"

#include "base/raw_syscall.h"
#include "core/racy_sites.h"
#include "sync/deadlock_steering.h"
#include "sync/lock_graph.h"
#include "core/no_destroy.h"
#include "report/report_channel.h"
#include "report/suppressions.h"
#include "shadow/access_history.h"
#include "shadow/unwound_stack.h"
#include "report/symbolizer.h"
#include "report/trace_export.h"
#include "core/text_buffer.h"

#include "weft/test_channel.h"

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

/// ` 'name'` if the program named the thread (pthread_setname_np).
void nameSuffix(TextBuffer &B, ThreadId T) {
  if (index(T) < Rt.Records.size())
    if (const char *Name = threadRecord(T).Name; Name[0])
      B << " '" << Name << '\'';
}

void threadName(TextBuffer &B, ThreadId T) {
  if (T == ThreadId::Main)
    B << "main thread";
  else {
    B << "thread T";
    B.dec(index(T));
  }
  nameSuffix(B, T);
}

bool isRuntimeFrame(const CodeFrame &F) {
  return !internalStrncmp(F.Function, "__weft", 6) || !internalStrncmp(F.Function, "weft::", 6);
}

bool hasPrefix(const char *S, const char *Prefix) {
  return !internalStrncmp(S, Prefix, internalStrlen(Prefix));
}

bool contains(const char *S, const char *Part) {
  size_t N = internalStrlen(Part);
  for (; *S; ++S)
    if (!internalStrncmp(S, Part, N))
      return true;
  return false;
}

/// Code of a library installed on the system, by where its module lies:
/// the C library, libstdc++, libgcc... The program itself (which weft's
/// runtime is linked into) never is, wherever it is installed. Cached per
/// pc (reports only).
NoDestroy<AddrMap<bool>> SystemModulePcs;

bool inSystemModule(uintptr_t Pc) {
  AddrMap<bool> &Cache = *SystemModulePcs;
  if (bool *Known = Cache.find(Pc))
    return *Known;
  const char *Path, *Base, *Program, *ProgramBase;
  uintptr_t Bias, ProgramBias;
  bool System = false;
  if (findModule(Pc - 1, &Path, &Base, &Bias)) {
    bool InProgram = findModule(reinterpret_cast<uintptr_t>(&inSystemModule), &Program,
                                &ProgramBase, &ProgramBias) &&
                     !internalStrcmp(Path, Program);
    System = !InProgram && (hasPrefix(Path, "/lib/") || hasPrefix(Path, "/lib64/") ||
                            hasPrefix(Path, "/usr/lib/") || hasPrefix(Path, "/usr/lib64/"));
  }
  Cache.getOrInsert(Pc) = System;
  return System;
}

/// Is the frame \p F, at return address \p Pc, the program's own code? Not
/// if it comes from a system header (/usr/include/, or /usr/lib/ where
/// compilers keep theirs), from a C++ standard library header wherever it
/// is installed (a path with /include/c++/: libstdc++'s and libc++'s inline
/// code, compiled into the program), or from a system library. TSan skips
/// its runtime and the C++ headers the same way for its SUMMARY line. weft's
/// own frames are never printed at all (isRuntimeFrame).
bool isUserFrame(const CodeFrame &F, uintptr_t Pc) {
  if (F.File && (hasPrefix(F.File, "/usr/include/") || hasPrefix(F.File, "/usr/lib/") ||
                 contains(F.File, "/include/c++/")))
    return false;
  return !inSystemModule(Pc);
}

/// Does the code at \p Pc belong to the program: is one of the frames
/// inlined there its own code?
bool isUserPc(uintptr_t Pc) {
  if (Pc == kUnknownFramePc || Pc == kDeepFramesPc || isFreePc(Pc))
    return false;
  CodeFrame Frames[8];
  size_t K = symbolizeCode(Pc, Frames, 8);
  for (size_t J = 0; J < K; ++J)
    if (!isRuntimeFrame(Frames[J]) && isUserFrame(Frames[J], Pc))
      return true;
  return false;
}

/// The innermost pc of \p Stack in the program's own code (its leaf pc if
/// none is): a race inside an inline function of the C++ library (a
/// std::vector<bool> element's assignment, say) is told apart by where the
/// program called it, as its SUMMARY line is.
uintptr_t userPcOf(StackId Stack) {
  uintptr_t Pcs[256];
  size_t N = stack_trie::frames(Stack, Pcs, 256);
  for (size_t I = 0; I < N; ++I)
    if (isUserPc(Pcs[I]))
      return Pcs[I];
  return stack_trie::node(Stack).Pc;
}

// What the report being built shows, for suppression matching: every frame
// printed and the names of globals it mentions.
NoDestroy<InternalVector<CodeFrame>> ShownFramesStorage;
NoDestroy<InternalVector<const char *>> ShownNamesStorage;
InternalVector<CodeFrame> &ShownFrames = *ShownFramesStorage;
InternalVector<const char *> &ShownNames = *ShownNamesStorage;

/// Prints a stack, innermost frame first; returns in \p Top (if non-null)
/// the frame the SUMMARY line names: the first one in the program's own
/// code (isUserFrame), else the first one shown.
void printStack(TextBuffer &B, StackId Leaf, CodeFrame *Top = nullptr) {
  uintptr_t Pcs[256];
  size_t N = stack_trie::frames(Leaf, Pcs, 256);
  unsigned FrameNo = 0;
  bool Unavailable = false;
  bool HaveTop = false, HaveFallback = false;
  CodeFrame Fallback;
  for (size_t I = 0; I < N; ++I) {
    if (Pcs[I] == kUnknownFramePc) {
      // Dropped or never kept for lack of room (stack_trie.h).
      B << (FrameNo ? "    [more frames unavailable" : "    [stack unavailable")
        << ": beyond weft's stack history (stack_history_mb)]\n";
      Unavailable = true;
      break;
    }
    if (Pcs[I] == kDeepFramesPc) {
      B << "    [frames nested deeper than ";
      B.dec(ShadowStack::kFrames);
      B << " not recorded]\n";
      continue;
    }
    // The allocator's functions (free, malloc, operator new...) are shown,
    // as TSan does, but never named in the SUMMARY line.
    bool Interceptor = isAllocatorPc(Pcs[I]);
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
      ShownFrames.push_back(F);
      if (Top && !HaveTop && !Interceptor) {
        if (!HaveFallback) {
          Fallback = F;
          HaveFallback = true;
        }
        if (isUserFrame(F, Pcs[I])) {
          *Top = F;
          HaveTop = true;
        }
      }
    }
  }
  if (FrameNo == 0 && !Unavailable)
    B << "    <empty stack>\n";
  if (Top && !HaveTop)
    *Top = HaveFallback ? Fallback : CodeFrame{"<null>", nullptr, 0, 0, "", 0};
}

void appendShellQuoted(TextBuffer &B, const char *S) {
  bool Plain = *S != 0;
  for (const char *P = S; *P; ++P)
    if (!((*P >= 'a' && *P <= 'z') || (*P >= 'A' && *P <= 'Z') ||
          (*P >= '0' && *P <= '9') || internalStrchr("-_./=:,+@%", *P)))
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
  TextBuffer Raw;
  if (!Raw.appendFile("/proc/self/cmdline"))
    return;
  const char *P = Raw.str();
  const char *End = P + Raw.size();
  bool First = true;
  while (P < End) {
    if (!First)
      B << ' ';
    appendShellQuoted(B, P);
    First = false;
    P += internalStrlen(P) + 1;
  }
}

void appendReproduce(TextBuffer &B) {
  B << "To reproduce: ";
  // trace_out= only says where a timeline's data goes (weft replay --html
  // adds it): left out, so that the report reads the same with or without.
  TextBuffer Opts;
  if (const char *All = getenv("WEFT_OPTIONS"))
    for (const char *P = All; *P;) {
      while (*P == ' ')
        ++P;
      const char *End = P;
      while (*End && *End != ' ')
        ++End;
      if (End > P && internalStrncmp(P, "trace_out=", 10) != 0) {
        if (Opts.size())
          Opts << ' ';
        Opts.append(P, size_t(End - P));
      }
      P = End;
    }
  if (Opts.size()) {
    B << "WEFT_OPTIONS=";
    appendShellQuoted(B, Opts.str());
    B << ' ';
  }
  B << "WEFT_SEED=";
  B.hex(Rt.Seed);
  B << ' ';
  appendCommandLine(B);
  B << '\n';
  appendSyscallNote(B);
}

/// Prints a report, records it for `weft test` (report_channel.h) and,
/// with sarif_path, exports it.
void emit(const TextBuffer &B) {
  rawWriteAll(Rt.LogFd, B.str(), B.size());
  recordReport(B.str(), B.size());
  trace_export::reportPrinted();
  endReport();
  if (*Rt.Opts.sarif_path)
    sarif_export::reportPrinted(B.str(), B.size());
}

void header(TextBuffer &B, const char *Kind) {
  beginReport();
  ShownFrames.clear();
  ShownNames.clear();
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

/// Mutexes named in one report: M0, M1... in order of first mention.
struct ReportMutexes {
  struct Entry {
    HeldLock Lock;
    ThreadId Holder;
  };
  InternalVector<Entry> List;

  unsigned name(const HeldLock &L, ThreadId Holder) {
    for (size_t I = 0; I < List.size(); ++I)
      if (List[I].Lock.Addr == L.Addr && List[I].Holder == Holder &&
          List[I].Lock.Acquired == L.Acquired)
        return unsigned(I);
    List.push_back(Entry{L, Holder});
    return unsigned(List.size() - 1);
  }
  /// Appends " (mutexes: write M0, read M1)" for lock set \p Id.
  void describe(TextBuffer &B, LockSetId Id, ThreadId Holder) {
    HeldLock Locks[64];
    size_t N = mutex_set::locks(Id, Locks, 64);
    if (!N)
      return;
    B << " (mutexes:";
    for (size_t I = 0; I < N; ++I) {
      B << (I ? ", " : " ") << (Locks[I].Write ? "write M" : "read M");
      B.dec(name(Locks[I], Holder));
    }
    B << ')';
  }
  void sections(TextBuffer &B) {
    for (size_t I = 0; I < List.size(); ++I) {
      B << "  Mutex M";
      B.dec(I);
      B << " (";
      B.hex(List[I].Lock.Addr);
      B << ") acquired by ";
      threadName(B, List[I].Holder);
      B << " at:\n";
      printStack(B, List[I].Lock.Acquired);
      B << '\n';
    }
  }
};

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
  case WaitKind::SpinLock:
    return "to lock spinlock";
  case WaitKind::Barrier:
    return "at barrier";
  case WaitKind::Semaphore:
    return "on semaphore";
  case WaitKind::Futex:
    return "on futex";
  case WaitKind::Signal:
    return "for a signal";
  case WaitKind::Descriptors:
    return "for descriptor events";
  case WaitKind::TimerFd:
    return "for a timer descriptor";
  case WaitKind::None:
    break;
  }
  return "";
}

/// What a blocked thread waits on, after waitDescription: the object, its
/// holder or state.
void describeWaitObject(TextBuffer &B, const GreenThread &G) {
  WaitKind K = G.Wait.Kind;
  if (K == WaitKind::Sleep)
    return;
  if (K == WaitKind::Descriptors || K == WaitKind::TimerFd) {
    if (G.Wait.Object) {
      B << " on fd ";
      B.dec(G.Wait.Object);
    }
    return;
  }
  B << ' ';
  if (K == WaitKind::Join) {
    threadName(B, static_cast<ThreadId>(G.Wait.Object));
    return;
  }
  if (K == WaitKind::Signal) {
    // The object is the set of signals, bit N-1 for signal N; none for
    // pause and sigsuspend, which any handled signal ends.
    uint64_t Bits = G.Wait.Object;
    if (!Bits) {
      B << "(pause or sigsuspend)";
      return;
    }
    B << (Bits & (Bits - 1) ? "(one of signals " : "(signal ");
    for (bool First = true; Bits; Bits &= Bits - 1, First = false) {
      if (!First)
        B << ", ";
      B.dec(uint64_t(__builtin_ctzll(Bits) + 1));
    }
    B << ')';
    return;
  }
  B.hex(G.Wait.Object);
  SyncVar *S = syncFind(G.Wait.Object);
  if (S && (K == WaitKind::Mutex || K == WaitKind::SpinLock) && S->m().Mutex.isLocked()) {
    B << " held by ";
    threadName(B, S->m().Mutex.owner());
  } else if (S && K == WaitKind::Semaphore && S->m().Sem) {
    B << " (value ";
    B.dec(S->m().Sem->value());
    B << ')';
  } else if (S && K == WaitKind::Barrier && S->m().Barrier) {
    B << " (";
    B.dec(S->m().Barrier->waiting());
    B << " of ";
    B.dec(S->m().Barrier->count());
    B << " arrived)";
  }
}

void describeAccess(TextBuffer &B, const char *Prefix, RawSlot S, uintptr_t GranuleAddr,
                    ReportMutexes &Mutexes, LockSetId Locks) {
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
  threadName(B, slotThread(S));
  Mutexes.describe(B, Locks, slotThread(S));
  B << ":\n";
}

void describeThread(TextBuffer &B, ThreadId T) {
  if (T == ThreadId::Main)
    return;
  ThreadState *TS = threadById(T); // null: finished and retired
  B << "  Thread T";
  B.dec(index(T));
  nameSuffix(B, T);
  B << (!TS || TS->Finished ? " (finished)" : " (running)") << " created by ";
  threadName(B, threadRecord(T).Parent);
  B << " at:\n";
  printStack(B, threadRecord(T).CreationStack);
  B << '\n';
}

/// "  Thread T2 (mutexes: write M0) is waiting to lock mutex 0x... held by
/// main thread:" and the stack it is at: where a blocked thread blocked,
/// where a runnable or in-syscall thread last was. For the reports that
/// show every thread (deadlock, crash); the mutexes go to \p Mutexes'
/// sections. \p Top (if non-null) gets the stack's first program frame.
void describeThreadState(TextBuffer &B, ReportMutexes &Mutexes, ThreadState *T,
                         CodeFrame *Top) {
  B << "  ";
  if (T->tid() == ThreadId::Main) {
    B << "Main thread";
  } else {
    B << "Thread T";
    B.dec(index(T->tid()));
  }
  nameSuffix(B, T->tid());
  Mutexes.describe(B, T->Locks.Id, T->tid());
  StackId Stack = T->BlockedStack;
  switch (T->Green.Status) {
  case ThreadStatus::Blocked:
    B << " is waiting " << waitDescription(T->Green);
    describeWaitObject(B, T->Green);
    break;
  case ThreadStatus::InSyscall:
    B << " is in a system call";
    Stack = currentStack(T);
    break;
  default:
    B << " is runnable";
    Stack = currentStack(T);
    break;
  }
  B << ":\n";
  printStack(B, Stack, Top);
  B << '\n';
}

void describeLocation(TextBuffer &B, uintptr_t Addr) {
  // A descriptor's number, as memory (fd_memory.h), as TSan words it.
  FdOrigin Fd;
  if (fdOfAddress(Addr, &Fd)) {
    B << "  Location is file descriptor ";
    B.dec(uint64_t(Fd.Fd));
    if (Fd.Tid == ThreadId::Invalid) {
      B << ".\n\n";
      return;
    }
    B << (Fd.Closed ? " destroyed by " : " created by ");
    threadName(B, Fd.Tid);
    B << " at:\n";
    printStack(B, Fd.Stack);
    B << '\n';
    return;
  }
  HeapBlock HB;
  if (uintptr_t Start = findHeapBlock(Addr, &HB)) {
    B << "  Location is heap block of size ";
    B.dec(HB.Size);
    B << " at ";
    B.hex(Start);
    if (HB.Freed) {
      B << " freed by ";
      threadName(B, HB.FreeTid);
      B << ',';
    }
    B << " allocated by ";
    threadName(B, HB.AllocTid);
    B << ":\n";
    printStack(B, HB.AllocStack);
    B << '\n';
    return;
  }
  DataSymbol D;
  if (symbolizeData(Addr, &D)) {
    ShownNames.push_back(D.Name);
    B << "  Location is global '" << D.Name << "' of size ";
    B.dec(D.Size);
    B << " at ";
    B.hex(D.Start);
    B << " (" << D.Module << '+';
    B.hex(D.ModuleOffset - (Addr - D.Start));
    B << ")\n\n";
    return;
  }
  // Static TLS lies inside a thread's stack mapping: look for it first.
  // glibc hands a finished thread's stack (and TLS) to a later thread, so
  // the newest thread whose range holds the address is its owner.
  const struct {
    uintptr_t ThreadState::*Lo, ThreadState::*Hi;
    const char *What;
  } Ranges[] = {{&ThreadState::TlsLo, &ThreadState::TlsHi, "TLS"},
                {&ThreadState::StackLo, &ThreadState::StackHi, "stack"}};
  for (const auto &R : Ranges)
    for (size_t I = Rt.Sched.numThreads(); I-- > 0;) {
      ThreadState *T = threadById(static_cast<ThreadId>(I));
      if (T && Addr >= T->*R.Lo && Addr < T->*R.Hi) {
        B << "  Location is " << R.What << " of ";
        threadName(B, T->tid());
        B << ".\n\n";
        return;
      }
    }
}

// Distinct race pairs seen so far, by the pcs of both accesses in the
// program's own code (userPcOf).
struct RacePair {
  uintptr_t A, B;
};
NoDestroy<InternalVector<RacePair>> SeenRacesStorage;
InternalVector<RacePair> &SeenRaces = *SeenRacesStorage;

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

/// Prints a finished non-fatal report unless a suppression of \p SuppType
/// matches what it shows; only printed reports count for the exit status.
void finish(const TextBuffer &B, const char *SuppType, int ExitCode) {
  InternalVector<const char *> Names, Modules;
  for (const CodeFrame &F : ShownFrames) {
    Names.push_back(F.Function);
    if (F.File)
      Names.push_back(F.File);
    Modules.push_back(F.Module);
  }
  for (const char *N : ShownNames)
    Names.push_back(N);
  if (suppressions::match(SuppType, Names.begin(), Names.size(),
                          Modules.begin(), Modules.size()) >= 0) {
    endReport();
    return;
  }
  emit(B);
  afterReport(ExitCode);
}

} // namespace

void reportDataRace(ThreadState *Thr, uintptr_t GranuleAddr, RawSlot Cur,
                    uintptr_t Pc, RawSlot Prev) {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  uint32_t PrevContext;
  // A quarantined block's free and an allocation's write of its block are
  // named by the block's description (heap_blocks.h); every other store, by
  // the access history.
  bool Found = slotFreed(Prev) ? freedMarkContext(GranuleAddr, Prev, &PrevContext)
                               : allocationContext(GranuleAddr, Prev, &PrevContext) ||
                                     access_history::lookup(GranuleAddr, Prev, &PrevContext);
  if (!Found)
    PrevContext = kUnavailableStack; // older than the history keeps
  StackId PrevStack;
  LockSetId PrevLocks;
  mutex_set::resolve(PrevContext, &PrevStack, &PrevLocks);
  PrevStack = historyStackOf(Prev, PrevStack);
  // Before any filter: a benign or suppressed race is still a window the
  // scheduler should open (racy_sites.h).
  racy_sites::learn(Pc, PrevStack == kUnavailableStack ? 0 : stack_trie::node(PrevStack).Pc);
  uintptr_t Addr = GranuleAddr + uint64_t(__builtin_ctz(slotMask(Cur)));
  if (isBenignRace(Addr, size_t(__builtin_popcount(slotMask(Cur)))))
    return;
  // Most accesses are the program's own code: the stack is needed only to
  // look past an inline function of the C++ library.
  StackId CurStack = kEmptyStack;
  uintptr_t CurKey = Pc;
  if (!isUserPc(Pc)) {
    CurStack = stack_trie::child(currentStack(Thr), Pc);
    CurKey = userPcOf(CurStack);
  }
  if (alreadyReported(CurKey, userPcOf(PrevStack)))
    return;
  // A previous write by free() means this access touches freed memory
  // concurrently with its release: TSan's heap-use-after-free.
  // A vtable pointer on either side: a virtual call racing with a
  // constructor or destructor (TSan's wording).
  // (A quarantined block's free says so in its slot, also when its stack
  // is no longer kept.)
  bool FreedBefore = slotFreed(Prev) || isFreePc(stack_trie::node(PrevStack).Pc);
  const char *Kind = FreedBefore ? ((Cur & kVptrBit) ? "heap-use-after-free (virtual call vs free)"
                                                     : "heap-use-after-free")
                     : ((Cur | Prev) & kVptrBit) ? "data race on vptr (ctor/dtor vs virtual call)"
                                                 : "data race";
  TextBuffer B;
  header(B, Kind);
  CodeFrame Top;
  ReportMutexes Mutexes;
  describeAccess(B, "", Cur, GranuleAddr, Mutexes, Thr->Locks.Id);
  if (CurStack == kEmptyStack)
    CurStack = stack_trie::child(currentStack(Thr), Pc);
  printStack(B, CurStack, &Top);
  B << '\n';
  describeAccess(B, "Previous ", Prev, GranuleAddr, Mutexes, PrevLocks);
  printStack(B, PrevStack);
  B << '\n';
  describeLocation(B, Addr);
  Mutexes.sections(B);
  describeThread(B, Thr->tid());
  if (slotThread(Prev) != Thr->tid())
    describeThread(B, slotThread(Prev));
  summary(B, Kind, Top);
  finish(B, "race", Rt.Opts.exitcode);
}

void reportLockOrderInversion(const LockEdge *Cycle, size_t N) {
  const char *Kind = "lock-order-inversion (potential deadlock)";
  TextBuffer B;
  header(B, Kind);
  // Mutex names follow the cycle: M0 is the first edge's source.
  B << "  Cycle in lock order graph: ";
  for (size_t I = 0; I < N; ++I) {
    B << 'M';
    B.dec(I);
    B << " (";
    B.hex(Cycle[I].FromAddr);
    B << ") => ";
  }
  B << "M0\n\n";
  CodeFrame Top;
  InternalVector<ThreadId> Threads;
  for (size_t I = 0; I < N; ++I) {
    const LockEdge &E = Cycle[I];
    B << "  Mutex M";
    B.dec((I + 1) % N);
    B << " acquired here while holding mutex M";
    B.dec(I);
    B << " in ";
    threadName(B, E.Tid);
    B << ":\n";
    printStack(B, E.ToStack, I == 0 ? &Top : nullptr);
    B << "\n  Mutex M";
    B.dec(I);
    B << " previously acquired by the same thread here:\n";
    printStack(B, E.FromStack);
    B << '\n';
    bool Seen = false;
    for (ThreadId T : Threads)
      Seen |= T == E.Tid;
    if (!Seen)
      Threads.push_back(E.Tid);
  }
  // Machine-readable: `weft test` passes it back to steer a schedule into
  // the deadlock (docs/scheduling.md).
  B << "  Steer a schedule into this deadlock with: steer_deadlock=";
  deadlock_steering::appendSites(B, Cycle, N);
  B << "\n\n";
  for (ThreadId T : Threads)
    describeThread(B, T);
  summary(B, Kind, Top);
  finish(B, "deadlock", Rt.Opts.exitcode);
}

void reportDoubleLock(ThreadState *Thr, uintptr_t Mutex, uintptr_t Pc,
                      StackId FirstLocked) {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  if (!Rt.Opts.report_mutex_bugs)
    return;
  const char *Kind = "double lock of a mutex";
  TextBuffer B;
  header(B, Kind);
  B << "  Lock of mutex ";
  B.hex(Mutex);
  B << " by ";
  threadName(B, Thr->tid());
  B << ", which already holds it (the thread will block forever):\n";
  CodeFrame Top;
  printStack(B, stack_trie::child(currentStack(Thr), Pc), &Top);
  B << "\n  Mutex ";
  B.hex(Mutex);
  B << " previously acquired by the same thread here:\n";
  printStack(B, FirstLocked);
  B << '\n';
  summary(B, Kind, Top);
  finish(B, "mutex", Rt.Opts.exitcode);
}

bool reportThreadLeaks() {
  if (!Rt.Opts.report_thread_leaks)
    return false;
  bool Any = false;
  size_t NumThreads = Rt.Sched.numThreads();
  InternalVector<bool> Done;
  Done.resize(NumThreads);
  // One report per creation stack, in thread-id order (TSan folds leaks of
  // threads created at the same place the same way).
  for (size_t I = 1; I < NumThreads; ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (Done[I] || !T || !T->Finished || T->Joined || T->Detached)
      continue;
    size_t Similar = 0;
    for (size_t J = I + 1; J < NumThreads; ++J) {
      ThreadState *U = threadById(static_cast<ThreadId>(J));
      if (!Done[J] && U && U->Finished && !U->Joined && !U->Detached &&
          threadRecord(U->tid()).CreationStack == threadRecord(T->tid()).CreationStack) {
        Done[J] = true;
        ++Similar;
      }
    }
    const char *Kind = "thread leak";
    TextBuffer B;
    header(B, Kind);
    B << "  Thread T";
    B.dec(I);
    B << " (finished, neither joined nor detached) created by ";
    threadName(B, threadRecord(T->tid()).Parent);
    B << " at:\n";
    CodeFrame Top;
    printStack(B, threadRecord(T->tid()).CreationStack, &Top);
    B << '\n';
    if (Similar) {
      B << "  And ";
      B.dec(Similar);
      B << (Similar == 1 ? " more similar thread leak.\n\n"
                         : " more similar thread leaks.\n\n");
    }
    summary(B, Kind, Top);
    uint32_t Before = Rt.ReportCount;
    finish(B, "thread", Rt.Opts.exitcode);
    Any |= Rt.ReportCount != Before;
  }
  return Any;
}

void reportDeadlock() {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  TextBuffer B;
  header(B, "deadlock");
  B << "  Every thread is blocked.\n\n";
  ReportMutexes Mutexes;
  CodeFrame Top{"<null>", nullptr, 0, 0, "", 0};
  bool HaveTop = false;
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (!T || T->Green.Status != ThreadStatus::Blocked)
      continue;
    describeThreadState(B, Mutexes, T, HaveTop ? nullptr : &Top);
    HaveTop = true;
  }
  Mutexes.sections(B);
  summary(B, "deadlock", Top);
  emit(B);
  flushProgramOutput();
  rawExit(Rt.Opts.deadlock_exitcode);
}

/// Every live thread's state and stack, \p Running (the thread holding the
/// baton, at \p RunningStack) first; \p Top gets its innermost user frame.
static void describeThreads(TextBuffer &B, ThreadState *Running,
                            StackId RunningStack, CodeFrame &Top) {
  // A livelock or a hang is usually two or more threads waiting on each
  // other: all of them are shown.
  if (Running) {
    B << "  ";
    threadName(B, Running->tid());
    B << " was running:\n";
    printStack(B, RunningStack, &Top);
    B << '\n';
  } else {
    Top = CodeFrame{"<null>", nullptr, 0, 0, "", 0};
  }
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (!T || T == Running || T->Green.Status == ThreadStatus::Finished)
      continue;
    B << "  ";
    threadName(B, T->tid());
    if (T->Green.Status == ThreadStatus::Blocked) {
      B << " was waiting " << waitDescription(T->Green) << ":\n";
      printStack(B, T->BlockedStack);
    } else if (T->Green.Status == ThreadStatus::InSyscall) {
      B << " was in a system call:\n";
      printStack(B, currentStack(T));
    } else {
      B << " was runnable:\n";
      printStack(B, currentStack(T));
    }
    B << '\n';
  }
}

void reportStepLimit() {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  TextBuffer B;
  header(B, "step limit reached (livelock?)");
  B << "  The run took more than ";
  B.dec(Rt.Opts.max_steps);
  B << " scheduling steps (max_steps).\n\n";
  CodeFrame Top;
  describeThreads(B, CurThread, currentStack(CurThread), Top);
  summary(B, "livelock", Top);
  emit(B);
  flushProgramOutput();
  rawExit(Rt.Opts.crash_exitcode);
}

void reportTimeout(uintptr_t Pc) {
  ThreadState *Receiver = CurThread;
  UnscheduledScope Quiet; // printing must not become a scheduling point
  stack_trie::UnboundedScope ExactStacks;
  TextBuffer B;
  header(B, test_channel::kTimeoutKind);
  B << "  The run exceeded weft test's time limit.\n\n";
  CodeFrame Top;
  GreenThread *Holder = Rt.Sched.current();
  ThreadState *Running = Holder ? threadById(Holder->Id) : nullptr;
  // The signal interrupted the running thread where it was: its pc tells
  // the line (a thread spinning in a loop has no newer frame on record).
  StackId Stack = kEmptyStack;
  if (Running)
    Stack = Running == Receiver && Pc ? crashStack(Running, Pc, /*ProgramFramesOnly=*/true)
                                      : currentStack(Running);
  describeThreads(B, Running, Stack, Top);
  summary(B, test_channel::kTimeoutKind, Top);
  // Printed, not recorded: the time limit is weft test's finding, not the
  // run's.
  rawWriteAll(Rt.LogFd, B.str(), B.size());
  rawExit(Rt.Opts.crash_exitcode);
}

const char *fatalSignalName(int Signal) {
  return Signal == SIGSEGV ? "SEGV"
         : Signal == SIGBUS ? "BUS"
         : Signal == SIGFPE ? "FPE"
         : Signal == SIGILL ? "ILL"
         : Signal == SIGABRT ? "ABRT"
                             : "signal";
}

void reportCrash(int Signal, uintptr_t FaultAddr, uintptr_t Pc) {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  TextBuffer B;
  const char *Name = fatalSignalName(Signal);
  TextBuffer Kind;
  Kind << "crash (" << Name << ")";
  header(B, Kind.str());
  B << "  Signal " << Name;
  ThreadState *Thr = CurThread;
  // Just below the lowest address of the thread's stack: its guard page (a
  // created thread's) or the kernel's guard gap (the main thread's).
  constexpr uintptr_t kBelow = 1 << 20, kAbove = 64 << 10;
  bool StackOverflow = Signal == SIGSEGV && Thr && Thr->StackLo &&
                       FaultAddr + kBelow >= Thr->StackLo && FaultAddr < Thr->StackLo + kAbove;
  if (Signal == SIGSEGV || Signal == SIGBUS) {
    B << " on address ";
    B.hex(FaultAddr);
    if (StackOverflow)
      B << " (stack overflow)";
  }
  B << " in ";
  CodeFrame Top;
  ReportMutexes Mutexes;
  if (Thr) {
    threadName(B, Thr->tid());
    Mutexes.describe(B, Thr->Locks.Id, Thr->tid());
    B << ":\n";
    printStack(B, crashStack(Thr, Pc, StackOverflow), &Top);
  } else {
    B << "a thread not scheduled by weft\n";
    Top = CodeFrame{"<null>", nullptr, 0, 0, "", 0};
  }
  B << '\n';
  // Every other live thread: what it runs or waits on, the locks it holds
  // (not from a thread weft does not schedule: the baton holder may be
  // changing them).
  if (Thr && Rt.Sched.started())
    for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
      ThreadState *T = threadById(static_cast<ThreadId>(I));
      if (T != Thr && T->Green.Status != ThreadStatus::Finished)
        describeThreadState(B, Mutexes, T, nullptr);
    }
  Mutexes.sections(B);
  summary(B, Kind.str(), Top);
  emit(B);
  flushProgramOutput();
  rawExit(Rt.Opts.crash_exitcode);
}

void reportAssertion(const char *Expr, const char *File, unsigned Line,
                     const char *Function, uintptr_t Pc) {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
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
    printStack(B, stack_trie::child(currentStack(Thr), Pc), &Top);
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
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  if (!Rt.Opts.report_mutex_bugs)
    return;
  ThreadState *Thr = CurThread;
  TextBuffer B;
  header(B, What);
  B << "  " << What << ' ';
  B.hex(Mutex);
  B << " by ";
  threadName(B, Thr->tid());
  B << ":\n";
  CodeFrame Top;
  printStack(B, stack_trie::child(currentStack(Thr), Pc), &Top);
  B << '\n';
  summary(B, What, Top);
  finish(B, "mutex", Rt.Opts.exitcode);
}

void reportIgnoresAtFinish(ThreadState *Thr) {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  const char *Kind = "thread finished with ignores enabled";
  TextBuffer B;
  header(B, Kind);
  B << "  ";
  if (Thr->tid() == ThreadId::Main) {
    B << "Main thread";
  } else {
    B << "Thread T";
    B.dec(index(Thr->tid()));
  }
  nameSuffix(B, Thr->tid());
  B << " finished with ignores enabled (";
  const char *Sep = "";
  if (Thr->IgnoreReads) {
    B << "reads";
    Sep = ", ";
  }
  if (Thr->IgnoreWrites) {
    B << Sep << "writes";
    Sep = ", ";
  }
  if (Thr->IgnoreSync)
    B << Sep << "synchronization";
  B << "); ignore was enabled at:\n";
  CodeFrame Top;
  printStack(B, Thr->IgnoreBegun, &Top);
  B << '\n';
  describeThread(B, Thr->tid());
  summary(B, Kind, Top);
  finish(B, "thread", Rt.Opts.exitcode);
}

namespace {
/// Each signal report is printed once per place (handler, or call). Made on
/// first use: a static with a destructor takes one of the program's atexit
/// entries (fd_memory.cc).
InternalVector<uintptr_t> *SignalReportPcs;
bool signalReportSeen(uintptr_t Pc) {
  if (!SignalReportPcs)
    SignalReportPcs = internalNew<InternalVector<uintptr_t>>();
  InternalVector<uintptr_t> &Seen = *SignalReportPcs;
  for (uintptr_t P : Seen)
    if (P == Pc)
      return true;
  Seen.push_back(Pc);
  return false;
}
} // namespace

void reportErrnoSpoiled(ThreadState *Thr, int Sig, uintptr_t HandlerPc) {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  if (signalReportSeen(HandlerPc))
    return;
  const char *Kind = "signal handler spoils errno";
  TextBuffer B;
  header(B, Kind);
  B << "  Signal ";
  B.dec(uint64_t(Sig));
  B << " handler invoked at:\n";
  CodeFrame Top;
  printStack(B, stack_trie::child(currentStack(Thr), HandlerPc), &Top);
  B << '\n';
  summary(B, Kind, Top);
  finish(B, "signal", Rt.Opts.exitcode);
}

void reportSignalUnsafeCall(ThreadState *Thr, uintptr_t Pc, uintptr_t FnPc) {
  stack_trie::UnboundedScope ExactStacks; // a report's stacks are exact
  if (signalReportSeen(Pc))
    return;
  const char *Kind = "signal-unsafe call inside of a signal";
  TextBuffer B;
  header(B, Kind);
  B << "  Call by ";
  threadName(B, Thr->tid());
  B << " inside a handler of an asynchronous signal:\n";
  CodeFrame Top;
  printStack(B, stack_trie::child(stack_trie::child(currentStack(Thr), Pc), FnPc), &Top);
  B << '\n';
  summary(B, Kind, Top);
  finish(B, "signal", Rt.Opts.exitcode);
}

int finalReportStatus() {
  if (Rt.Opts.print_suppressions)
    suppressions::printMatched(Rt.LogFd);
  if (Rt.ReportCount == 0)
    return -1;
  TextBuffer B;
  B << "weft: reported ";
  B.dec(Rt.ReportCount);
  B << (Rt.ReportCount == 1 ? " warning\n" : " warnings\n");
  rawWriteAll(Rt.LogFd, B.str(), B.size()); // a count, not a report
  return Rt.Opts.exitcode;
}

} // namespace weft
