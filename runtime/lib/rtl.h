//===- rtl.h - weft runtime: thread state, sync objects, global state -----===//
//
// Ground rules for all runtime code (it is a guest in the program):
//  - never allocate through the program's malloc/new: use internalAlloc;
//  - never throw, never use RTTI, never take a lock the program can see;
//  - never be instrumented (it is compiled without the pass);
//  - only the thread holding the scheduler's baton touches shared runtime
//    state, so that state needs no atomics and no locks;
//  - nothing on the per-access path allocates, locks, hashes into a table
//    or makes a virtual call;
//  - decisions never depend on addresses, wall-clock time or iteration
//    order of address-keyed tables: a seed must replay the same run.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_RTL_H
#define WEFT_RUNTIME_RTL_H

#include "addr_map.h"
#include "flags.h"
#include "mutex_model.h"
#include "scheduler.h"
#include "shadow.h"
#include "stack_trie.h"
#include "vector_clock.h"

#include <pthread.h>

#define WEFT_ALWAYS_INLINE inline __attribute__((always_inline))
#define WEFT_NOINLINE __attribute__((noinline))
#define WEFT_LIKELY(X) __builtin_expect(!!(X), 1)
#define WEFT_UNLIKELY(X) __builtin_expect(!!(X), 0)
#define WEFT_INTERFACE extern "C" __attribute__((visibility("default")))
#define WEFT_CALLER_PC reinterpret_cast<uintptr_t>(__builtin_return_address(0))

namespace weft {

/// Everything the runtime knows about one program thread.
struct ThreadState {
  GreenThread Green; // first member: the hot path reads Green.Countdown
  Epoch CurEpoch = 1;        // == Clock.get(tid())
  StackId Stack = kEmptyStack; // current call stack (shadow call stack)
  VectorClock Clock;
  // Precise fences: what relaxed loads saw, waiting for an acquire fence,
  // and the clock of the last release fence, for later relaxed stores.
  VectorClock AcquireFenceClock;
  VectorClock ReleaseFenceClock;
  bool HasReleaseFence = false;

  ThreadId Parent = ThreadId::Invalid;
  StackId CreationStack = kEmptyStack;
  StackId BlockedStack = kEmptyStack; // where it blocked, for deadlock reports
  void *(*StartRoutine)(void *) = nullptr;
  void *StartArg = nullptr;
  pthread_t Handle = 0;
  bool Detached = false;
  bool Joined = false;
  bool Finished = false;
  VectorClock FinalClock; // Clock at exit, acquired by join
  WaitQueue Joiners;
  uintptr_t StackLo = 0, StackHi = 0;

  ThreadId tid() const { return Green.Id; }
};

/// A synchronization object of the program (mutex, condvar, atomic
/// location, once flag...), found by its address.
struct SyncVar {
  uintptr_t Addr = 0;
  VectorClock Clock; // released into by unlock / release stores
  VectorClock ReadersClock; // released into by rwlock read-unlocks
  MutexModel Mutex;
  RwLockModel RwLock;
  WaitQueue CondWaiters;
  bool MutexKindKnown = false;
};

struct Runtime {
  bool Initialized = false;
  Flags Opts;
  uint64_t Seed = 0;
  Scheduler Sched;
  Strategy *Strat = nullptr;
  AddrMap<SyncVar *> Syncs;
  AddrMap<ThreadState *> ByHandle; // pthread_t -> thread
  uint32_t ReportCount = 0;
  int LogFd = 2;
};

extern Runtime Rt;
extern __thread ThreadState *CurThread __attribute__((tls_model("initial-exec")));

/// While alive, the current thread is invisible to weft's interceptors:
/// libc and libgcc code the runtime itself calls (the unwinder takes
/// pthread mutexes and once flags, the symbolizer spawns a process) must
/// neither become scheduling points nor draw on the strategy, or printing a
/// report or unwinding a stack would change the schedule.
class UnscheduledScope {
public:
  UnscheduledScope() : Saved(CurThread) { CurThread = nullptr; }
  ~UnscheduledScope() { CurThread = Saved; }
  UnscheduledScope(const UnscheduledScope &) = delete;
  UnscheduledScope &operator=(const UnscheduledScope &) = delete;

private:
  ThreadState *Saved;
};

inline ThreadState *threadById(ThreadId Id) {
  return reinterpret_cast<ThreadState *>(Rt.Sched.thread(Id));
}

void initialize();
/// A release by the current thread: later accesses get a new epoch.
inline void releaseTick(ThreadState *Thr) {
  ++Thr->CurEpoch;
  Thr->Clock.set(Thr->tid(), Thr->CurEpoch);
}

/// The sync object at \p Addr, created if needed.
SyncVar *syncFor(uintptr_t Addr);
/// The sync object at \p Addr, or null.
inline SyncVar *syncFind(uintptr_t Addr) {
  SyncVar **S = Rt.Syncs.find(Addr);
  return S ? *S : nullptr;
}
/// Forgets sync objects in [Addr, Addr+Size) and the shadow of those bytes.
void resetRange(uintptr_t Addr, size_t Size);

/// A full scheduling point for the current thread (sync operations) before
/// a step about \p Object (a mutex, condvar or atomic location; 0 if none).
void syncPoint(ThreadState *Thr, uintptr_t Object = 0);
/// The access countdown ran out.
void accessPoint(ThreadState *Thr);

/// Range access check used by interceptors (memcpy-like) and atomics.
void checkRange(ThreadState *Thr, uintptr_t Addr, size_t Size, bool IsWrite,
                bool IsAtomic, uintptr_t Pc);

// Strategies and schedule files (schedule_setup.cc).
/// The strategy the options name, recording when schedule_out= is set.
Strategy *makeStrategy();
/// At exit: checks a strict replay used all its decisions (on a normal
/// exit) and writes schedule_out=. Safe to call more than once.
void finishSchedule(bool NormalExit);

// Thread lifecycle (thread_interceptors.cc).
void threadExit(ThreadState *Thr, void *Ret);
/// Records the calling OS thread's stack range (and static TLS) in \p T.
void learnStackBounds(ThreadState *T);

/// Installs reports for fatal signals the program does not handle itself
/// (crash_handler.cc).
void installCrashHandlers();

// Heap blocks (malloc_interceptors.cc), for report locations.
struct HeapBlock {
  size_t Size;
  StackId AllocStack;
  ThreadId AllocTid;
};
/// The live heap block containing \p Addr; returns its start or 0.
uintptr_t findHeapBlock(uintptr_t Addr, HeapBlock *Out);

} // namespace weft

#endif
