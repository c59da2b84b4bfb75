//===- annotations.cc - weft/annotations.h and the TSan/Valgrind names ----===//
//
// The runtime side of source annotations: explicit happens-before edges,
// per-thread ignore counters (read where a shadow slot would be stored,
// never on the fast path: see access.cc), benign-race ranges (read only
// when a race is about to be reported), and annotated reader-writer locks
// that join the lock sets and the lock-order graph like real ones.
//
// The Annotate* functions keep the signatures of Valgrind's and TSan's
// dynamic annotations, so code annotated for those tools links unchanged.
// Every entry is a no-op on a thread weft does not schedule.
//
//===----------------------------------------------------------------------===//

#include "sync/deadlock_steering.h"
#include "sync/lock_graph.h"
#include "core/no_destroy.h"
#include "report/report.h"
#include "core/rtl.h"

#include "weft/annotations.h"

namespace weft {
namespace {

struct BenignRange {
  uintptr_t Addr;
  size_t Size;
};
NoDestroy<InternalVector<BenignRange>> BenignRangesStorage;
InternalVector<BenignRange> &BenignRanges = *BenignRangesStorage;

void happensBefore(const volatile void *Addr) {
  ThreadState *Thr = CurThread;
  if (!Thr || Thr->IgnoreSync)
    return;
  SyncVar *S = syncFor(uintptr_t(Addr));
  S->m().AnnotatedClock.join(Thr->Clock);
  releaseTick(Thr);
}

void happensAfter(const volatile void *Addr) {
  ThreadState *Thr = CurThread;
  if (!Thr || Thr->IgnoreSync)
    return;
  if (SyncVar *S = syncFind(uintptr_t(Addr)))
    Thr->Clock.join(S->m().AnnotatedClock);
}

void benignRace(const volatile void *Addr, size_t Size) {
  if (CurThread && Size)
    BenignRanges.push_back(BenignRange{uintptr_t(Addr), Size});
}

/// Who holds an annotated reader-writer lock, to report its misuse as TSan
/// does (a double lock, a read lock or read unlock of a write-locked lock,
/// an unlock of an unlocked one). Annotations only describe a lock the
/// program implements itself: nothing blocks, the report is all there is.
struct AnnotatedLock {
  ThreadId Writer = ThreadId::Invalid;
  uint32_t Readers = 0;
};
// Made on first use: a static with a destructor takes one of the program's
// atexit entries (fd_memory.cc says why that matters).
AddrMap<AnnotatedLock> *AnnotatedLocksTable;
AddrMap<AnnotatedLock> &annotatedLocks() {
  if (!AnnotatedLocksTable)
    AnnotatedLocksTable = internalNew<AddrMap<AnnotatedLock>>();
  return *AnnotatedLocksTable;
}

void rwLockAcquired(const volatile void *L, bool Write, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return;
  AnnotatedLock &A = annotatedLocks().getOrInsert(uintptr_t(L));
  if (A.Writer != ThreadId::Invalid)
    reportMutexMisuse(Write ? "double lock of a mutex" : "read lock of a write locked mutex",
                      uintptr_t(L), Pc);
  if (Write)
    A.Writer = Thr->tid();
  else
    ++A.Readers;
  SyncVar *S = syncFor(uintptr_t(L));
  StackId Here = stack_trie::child(currentStack(Thr), Pc);
  if (Rt.Opts.detect_deadlocks && !Thr->Locks.Held.empty())
    lock_graph::beforeLock(Thr, Thr->Locks, S->Uid, S->Addr, Here);
  Thr->Clock.join(S->m().AnnotatedClock);
  if (Write)
    Thr->Clock.join(S->m().ReadersClock);
  mutex_set::added(Thr->Locks, S, Here, Write);
  deadlock_steering::locksChanged(Thr);
}

void rwLockReleased(const volatile void *L, bool Write, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return;
  AnnotatedLock &A = annotatedLocks().getOrInsert(uintptr_t(L));
  if (Write) {
    if (A.Writer == ThreadId::Invalid)
      reportMutexMisuse("unlock of an unlocked mutex", uintptr_t(L), Pc);
    else if (A.Writer != Thr->tid())
      reportMutexMisuse("unlock of a mutex held by another thread", uintptr_t(L), Pc);
    A.Writer = ThreadId::Invalid;
  } else if (A.Writer != ThreadId::Invalid) {
    reportMutexMisuse("read unlock of a write locked mutex", uintptr_t(L), Pc);
  } else if (A.Readers == 0) {
    reportMutexMisuse("unlock of an unlocked mutex", uintptr_t(L), Pc);
  } else {
    --A.Readers;
  }
  SyncVar *S = syncFor(uintptr_t(L));
  (Write ? S->m().AnnotatedClock : S->m().ReadersClock).join(Thr->Clock);
  releaseTick(Thr);
  mutex_set::removed(Thr->Locks, S);
  deadlock_steering::locksChanged(Thr);
}

void forgetLock(const volatile void *L) {
  if (!CurThread)
    return;
  if (AnnotatedLocksTable)
    AnnotatedLocksTable->erase(uintptr_t(L));
  forgetSync(uintptr_t(L));
}

} // namespace

bool isBenignRace(uintptr_t Addr, size_t Size) {
  for (const BenignRange &R : BenignRanges)
    if (Addr < R.Addr + R.Size && R.Addr < Addr + Size)
      return true;
  return false;
}

} // namespace weft

using namespace weft;

// weft's own names (weft/annotations.h) ------------------------------------

namespace weft {
namespace {
/// One more ignore begins on the current thread (\p Counter is one of its
/// ignore counters), called at \p Pc: the first one's stack is kept for the
/// report of a thread that finishes with ignores still enabled.
void ignoreBegin(uint32_t ThreadState::*Counter, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return;
  if (!Thr->IgnoreReads && !Thr->IgnoreWrites && !Thr->IgnoreSync)
    Thr->IgnoreBegun = stack_trie::child(currentStack(Thr), Pc);
  ++(Thr->*Counter);
}

/// One ignore of \p Counter's kind ends on the current thread; an end
/// without a begin is ignored.
void ignoreEnd(uint32_t ThreadState::*Counter) {
  if (ThreadState *Thr = CurThread)
    if (Thr->*Counter)
      --(Thr->*Counter);
}
} // namespace

void checkIgnoresAtFinish(ThreadState *Thr) {
  if (Thr->IgnoreReads || Thr->IgnoreWrites || Thr->IgnoreSync)
    reportIgnoresAtFinish(Thr);
}
} // namespace weft

WEFT_INTERFACE void __weft_happens_before(const volatile void *Addr) { happensBefore(Addr); }
WEFT_INTERFACE void __weft_happens_after(const volatile void *Addr) { happensAfter(Addr); }
WEFT_INTERFACE void __weft_ignore_reads_begin() {
  ignoreBegin(&ThreadState::IgnoreReads, WEFT_CALLER_PC);
}
WEFT_INTERFACE void __weft_ignore_reads_end() { ignoreEnd(&ThreadState::IgnoreReads); }
WEFT_INTERFACE void __weft_ignore_writes_begin() {
  ignoreBegin(&ThreadState::IgnoreWrites, WEFT_CALLER_PC);
}
WEFT_INTERFACE void __weft_ignore_writes_end() { ignoreEnd(&ThreadState::IgnoreWrites); }
WEFT_INTERFACE void __weft_benign_race(const volatile void *Addr, size_t Size, const char *) {
  benignRace(Addr, Size);
}

// ThreadSanitizer / Valgrind dynamic annotations -----------------------------

using CStr = const char *;
using Mem = const volatile void *;

WEFT_INTERFACE void AnnotateHappensBefore(CStr, int, Mem Addr) { happensBefore(Addr); }
WEFT_INTERFACE void AnnotateHappensAfter(CStr, int, Mem Addr) { happensAfter(Addr); }
WEFT_INTERFACE void AnnotateCondVarSignal(CStr, int, Mem Cv) { happensBefore(Cv); }
WEFT_INTERFACE void AnnotateCondVarSignalAll(CStr, int, Mem Cv) { happensBefore(Cv); }
WEFT_INTERFACE void AnnotateCondVarWait(CStr, int, Mem Cv, Mem) { happensAfter(Cv); }
WEFT_INTERFACE void AnnotateIgnoreReadsBegin(CStr, int) {
  ignoreBegin(&ThreadState::IgnoreReads, WEFT_CALLER_PC);
}
WEFT_INTERFACE void AnnotateIgnoreReadsEnd(CStr, int) { __weft_ignore_reads_end(); }
WEFT_INTERFACE void AnnotateIgnoreWritesBegin(CStr, int) {
  ignoreBegin(&ThreadState::IgnoreWrites, WEFT_CALLER_PC);
}
WEFT_INTERFACE void AnnotateIgnoreWritesEnd(CStr, int) { __weft_ignore_writes_end(); }
// The thread's synchronization in between adds no happens-before edge (it
// still blocks and wakes as the program says): rtl.h, IgnoreSync.
WEFT_INTERFACE void AnnotateIgnoreSyncBegin(CStr, int) {
  ignoreBegin(&ThreadState::IgnoreSync, WEFT_CALLER_PC);
}
WEFT_INTERFACE void AnnotateIgnoreSyncEnd(CStr, int) { ignoreEnd(&ThreadState::IgnoreSync); }
WEFT_INTERFACE void AnnotateBenignRaceSized(CStr, int, Mem Addr, size_t Size, CStr) {
  benignRace(Addr, Size);
}
WEFT_INTERFACE void AnnotateBenignRace(CStr, int, Mem Addr, CStr) { benignRace(Addr, 1); }
// WebKit's names for the same annotations (TSan defines them too).
WEFT_INTERFACE void WTFAnnotateBenignRaceSized(CStr, int, Mem Addr, size_t Size, CStr) {
  benignRace(Addr, Size);
}
WEFT_INTERFACE void WTFAnnotateHappensBefore(CStr, int, Mem Addr) { happensBefore(Addr); }
WEFT_INTERFACE void WTFAnnotateHappensAfter(CStr, int, Mem Addr) { happensAfter(Addr); }
WEFT_INTERFACE void AnnotateNewMemory(CStr, int, Mem Addr, size_t Size) {
  if (CurThread)
    resetRange(uintptr_t(Addr), Size);
}
WEFT_INTERFACE void AnnotateRWLockCreate(CStr, int, Mem L) { forgetLock(L); }
WEFT_INTERFACE void AnnotateRWLockCreateStatic(CStr, int, Mem L) { forgetLock(L); }
WEFT_INTERFACE void AnnotateRWLockDestroy(CStr, int, Mem L) { forgetLock(L); }
WEFT_INTERFACE void AnnotateRWLockAcquired(CStr, int, Mem L, long IsWrite) {
  rwLockAcquired(L, IsWrite != 0, WEFT_CALLER_PC);
}
WEFT_INTERFACE void AnnotateRWLockReleased(CStr, int, Mem L, long IsWrite) {
  rwLockReleased(L, IsWrite != 0, WEFT_CALLER_PC);
}
// Accepted so that annotated code links; weft needs no hint for these.
WEFT_INTERFACE void AnnotateMutexIsNotPHB(CStr, int, Mem) {}
WEFT_INTERFACE void AnnotateMutexIsUsedAsCondVar(CStr, int, Mem) {}
WEFT_INTERFACE void AnnotateThreadName(CStr, int, CStr) {}
