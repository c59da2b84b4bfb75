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

#include "core/addr_map.h"
#include "models/barrier_model.h"
#include "core/clock_slots.h"
#include "core/dense_slab.h"
#include "core/flags.h"
#include "models/futex_model.h"
#include "models/mutex_model.h"
#include "sync/mutex_set.h"
#include "scheduler.h"
#include "models/semaphore_model.h"
#include "shadow/shadow.h"
#include "shadow/shadow_stack.h"
#include "shadow/stack_trie.h"
#include "sync/sync_table.h"
#include "core/vector_clock.h"

#include <pthread.h>

#define WEFT_ALWAYS_INLINE inline __attribute__((always_inline))
#define WEFT_NOINLINE __attribute__((noinline))
#define WEFT_LIKELY(X) __builtin_expect(!!(X), 1)
#define WEFT_UNLIKELY(X) __builtin_expect(!!(X), 0)
#define WEFT_INTERFACE extern "C" __attribute__((visibility("default")))
#define WEFT_CALLER_PC reinterpret_cast<uintptr_t>(__builtin_return_address(0))
// An entry point that keeps every general-purpose register of its caller
// (runtime_callbacks.def, WEFT_PRESERVING_CALLBACK): a superset of what
// LLVM's preserve_most call sites expect (all but r11). The compiler saves
// what the function uses; it must use no vector registers (GCC refuses),
// so its file is built with -mgeneral-regs-only (preserving_access.cc).
#define WEFT_PRESERVING __attribute__((no_caller_saved_registers))

namespace weft {

/// Everything the runtime knows about one program thread.
struct ThreadState {
  GreenThread Green; // first member: the hot path reads Green.Countdown
  Epoch CurEpoch = 1;        // == Clock.get(Slot)
  /// This thread's entry in every vector clock and shadow slot: its own
  /// for its life, maybe an ended thread's before (clock_slots.h).
  Sid Slot = Sid::Invalid;
  /// The slot and epoch bits of this thread's shadow slots, precomputed so
  /// the hot path only ors in the mask and kind (see makeSlot).
  RawSlot SlotBase = 0;
  // Annotations: > 0 while the thread's reads / writes are not checked.
  // Read only by the out-of-line check (access.cc), next to the fields it
  // reads anyway so that it costs no extra cache line.
  uint32_t IgnoreReads = 0, IgnoreWrites = 0;
  VectorClock Clock;
  ShadowStack Shadow; // call stack; read it with currentStack()
  // Precise fences: what relaxed loads saw, waiting for an acquire fence,
  // and the clock of the last release fence, for later relaxed stores.
  VectorClock AcquireFenceClock;
  VectorClock ReleaseFenceClock;
  bool HasReleaseFence = false;
  // AnnotateIgnoreSyncBegin/End: > 0 while the thread's synchronization
  // (locks, atomics, semaphores, annotated edges) adds no happens-before
  // edge in either direction, and its atomics are not checked (as in TSan).
  uint32_t IgnoreSync = 0;
  // Where the first of the ignores in force began, for the report of a
  // thread that finishes with ignores enabled (annotations.cc).
  StackId IgnoreBegun = kEmptyStack;
  // > 0 while a handler of an asynchronous signal runs on this thread
  // (signal_handlers.cc): malloc and free there are reported.
  uint32_t InAsyncSignalHandler = 0;

  StackId BlockedStack = kEmptyStack; // where it blocked, for deadlock reports
  void *(*StartRoutine)(void *) = nullptr;
  void *StartArg = nullptr;
  pthread_t Handle = 0;
  bool Detached = false;
  bool Joined = false;
  bool Finished = false;
  VectorClock FinalClock; // Clock at exit, acquired by join
  // pthread_cancel (cancel_interceptors.cc): a cancel request not yet acted
  // on, the canceller's clock (the cancel happens before the cleanup), and
  // the thread's cancel state and type as it set them.
  bool CancelPending = false;
  bool CancelDisabled = false;
  bool CancelAsync = false;
  VectorClock CancelClock;
  WaitQueue Joiners;
  uintptr_t StackLo = 0, StackHi = 0;
  // Robust mutexes this thread holds: released as "owner died" if it exits.
  InternalVector<struct SyncVar *> RobustHeld;
  // Signals sent by pthread_kill from another thread, delivered at this
  // thread's next scheduling point (bit N-1 for signal N).
  uint64_t PendingSignals = 0;
  // Modelled signal waits (signal_interceptors.cc), bit N-1 for signal N:
  // what a sigwait or signalfd read blocked in the scheduler waits for; kills
  // of the whole process routed to this thread by such a wait; what it waits
  // for in the kernel (nothing else could run); and whether it was woken to
  // wait there.
  uint64_t SigWaitSet = 0;
  uint64_t RoutedSignals = 0;
  uint64_t KernelSigWait = 0;
  bool SigWaitOutside = false;
  // PendingSignals bits routed by weft as a process signal or a timer's
  // (signal_delivery.cc): delivered with the siginfo weft recorded.
  uint64_t PendingInfo = 0;
  // In pause/sigsuspend (signal_interceptors.cc): a blocked thread that only
  // a signal ends, and for sigsuspend the mask it waits with.
  bool InPause = false;
  bool InSuspend = false;
  uint64_t SuspendMask = 0;
  int OsTid = 0; // its own OS thread (gettid there), for its signal mask
  // Whether every handler the last deliverPendingSignals ran was installed
  // with SA_RESTART: an interrupted wait that Linux restarts then waits on.
  bool RestartAfterHandler = false;
  uintptr_t TlsLo = 0, TlsHi = 0; // static TLS block, for report locations
  MutexSet Locks;                 // held mutexes and rwlocks, for reports

  ThreadId tid() const { return Green.Id; }
};

/// What reports say about a thread, kept for every thread of the run (24
/// bytes): the ThreadState itself is freed once the thread finished and was
/// joined or detached (retireThread), and a report may still name it.
struct ThreadRecord {
  ThreadId Parent;
  StackId CreationStack;
  char Name[16]; // pthread_setname_np; shown in reports when set
};

/// What a sync object needs beyond its clock once it is used as a lock, a
/// condition variable, a semaphore, ... Most sync objects of a program are
/// atomic locations (a vector of atomic flags holds a million), which need
/// only SyncVar's clock: the models live apart, allocated by the first
/// operation that needs them, so that an atomic costs ~80 bytes, not ~300.
struct SyncModels {
  VectorClock ReadersClock; // released into by rwlock read-unlocks
  // Annotated edges (happens-before, annotated rwlock writers), apart from
  // Clock: the annotated address is often an atomic whose relaxed stores
  // reset Clock.
  VectorClock AnnotatedClock;
  MutexModel Mutex;
  RwLockModel RwLock;
  WaitQueue CondWaiters;
  bool MutexKindKnown = false;
  // A condition variable's clock for pthread_cond_timedwait's deadline
  // (pthread_condattr_setclock at init; CLOCK_REALTIME by default).
  clockid_t CondClock = CLOCK_REALTIME;
  // Rarer models, allocated by the first operation that needs them.
  SemaphoreModel *Sem = nullptr;
  BarrierModel *Barrier = nullptr;
  FutexQueue *Futex = nullptr;
  uint32_t Opens = 0; // sem_open handles not yet closed

  SyncModels() = default;
  SyncModels(const SyncModels &) = delete;
  SyncModels &operator=(const SyncModels &) = delete;
  ~SyncModels() {
    internalDelete(Sem);
    internalDelete(Barrier);
    internalDelete(Futex);
  }
  bool inUse() const {
    return Mutex.isLocked() || !CondWaiters.empty() || (Sem && Sem->hasWaiters()) ||
           (Barrier && Barrier->waiting()) || (Futex && !Futex->empty());
  }
};

/// A synchronization object of the program (mutex, condvar, atomic
/// location, once flag...), found by its address (sync_table.h).
struct SyncVar {
  uintptr_t Addr = 0;
  // Links of the sync table, as ids in the pool (sync_table.h): the next
  // object in the same 8-byte granule, and the region's list of live
  // objects.
  uint32_t GranuleNext = 0;
  uint32_t RegionNext = 0, RegionPrev = 0;
  uint32_t Uid = 0; // creation order: names the object in the lock graph
  // A thread whose clock already includes Clock as it was at version
  // CoveredVersion (it acquired, locked or released it last; thread clocks
  // only grow): while Clock stays at that version, its next acquire or
  // lock needs no join (covers(), atomics.cc, sync_interceptors.cc).
  ThreadId CoveredBy = ThreadId::Invalid;
  uint32_t Id = 0; // its id in sync_table::Pool
  VectorClock Clock; // released into by unlock / release stores
  // Clock's version as CoveredBy saw it (56 bits: a version moves by one
  // per change, and 2^56 changes would take years), and the widest atomic
  // access made at Addr, in bytes (0: none, a mutex or the like): an
  // atomic access of other bytes that overlaps it synchronizes with it
  // too (atomics.cc).
  uint64_t CoveredVersion : 56 = 0;
  uint64_t AtomicWidth : 8 = 0;
  SyncModels *Models = nullptr;

  SyncVar() = default;
  SyncVar(const SyncVar &) = delete;
  SyncVar &operator=(const SyncVar &) = delete;
  ~SyncVar() { internalDelete(Models); }
  /// The lock, wait queue, ... models, created on first use.
  SyncModels &m() {
    if (__builtin_expect(!Models, 0))
      Models = internalNew<SyncModels>();
    return *Models;
  }
  /// A thread holds or waits on it: freeing it would leave that thread
  /// with a dangling object.
  bool inUse() const { return Models && Models->inUse(); }
  /// Whether thread \p T's clock includes Clock (see CoveredBy).
  bool coveredBy(ThreadId T) const {
    return CoveredBy == T && CoveredVersion == Clock.version();
  }
  /// Thread \p T's clock now includes Clock (\p T), or nobody's is known
  /// to (ThreadId::Invalid).
  void setCoveredBy(ThreadId T) {
    CoveredBy = T;
    CoveredVersion = Clock.version();
  }
  /// Whether an atomic access of \p Size bytes at \p Begin touches this
  /// object: it is at Begin, or it is an atomic location whose bytes
  /// overlap.
  bool overlaps(uintptr_t Begin, uint32_t Size) const {
    return Addr == Begin || (Addr < Begin + Size && Begin < Addr + AtomicWidth);
  }
};
// 72 bytes, in the sync table's pool without an allocator header (they
// were 80 in the allocator's 128-byte class): most sync objects are atomic
// locations, a million of them in some programs.
static_assert(sizeof(SyncVar) == 72, "SyncVar grew");

namespace sync_table {
/// Where every SyncVar lives; the table's heads and links name them by id.
extern DenseSlab<SyncVar> Pool;
inline SyncVar *at(uint32_t Id) { return Pool.at(Id); }
} // namespace sync_table

struct Runtime {
  bool Initialized = false;
  Flags Opts;
  uint64_t Seed = 0;
  Scheduler Sched;
  Strategy *Strat = nullptr;
  AddrMap<ThreadState *> ByHandle; // pthread_t -> thread
  ClockSlots Slots; // who owns which vector-clock slot
  InternalVector<ThreadRecord> Records; // by thread id, every thread of the run
  // Detached threads that finished, freed by the next thread creation (the
  // exiting thread cannot free its own state while it still runs on it).
  InternalVector<ThreadState *> Retiring;
  uint32_t ReportCount = 0;
  uint32_t NextSyncUid = 0;
  int LogFd = 2;
  // The process the runtime runs in: set at start and in a fork child, so
  // that a vfork child (same memory, other pid) can tell it is not.
  int Pid = 0;
};

/// Never destroyed (no_destroy.h): atexit handlers run after static destructors.
extern Runtime &Rt;
// Named for the pass's inline access check (weft/shadow_layout.h), and
// visible to instrumented shared objects, which read it too.
extern __thread ThreadState *CurThread __asm__(WEFT_CURRENT_THREAD_SYMBOL)
    __attribute__((tls_model("local-exec"), visibility("default")));

/// What the pass's inline paths load: CurThread, or the dormant stand-in
/// when that is null (inline_thread.cc). Set only through setCurThread.
extern __thread void *InlineThread __asm__(WEFT_INLINE_THREAD_SYMBOL)
    __attribute__((tls_model("local-exec"), visibility("default")));
void *dormantThread();

/// Makes \p T the running OS thread's state (null: none), for the runtime
/// and for the inline paths. The inline paths' pointer is set to the
/// thread after CurThread and away from it before, so that a signal handler
/// that runs in between finds the dormant stand-in, never a thread the
/// runtime no longer calls current.
inline void setCurThread(ThreadState *T) {
  if (T) {
    CurThread = T;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    InlineThread = T;
  } else {
    InlineThread = dormantThread();
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    CurThread = nullptr;
  }
}

/// While alive, the current thread is invisible to weft's interceptors:
/// libc and libgcc code the runtime itself calls (the unwinder takes
/// pthread mutexes and once flags, the symbolizer spawns a process) must
/// neither become scheduling points nor draw on the strategy, or printing a
/// report or unwinding a stack would change the schedule.
class UnscheduledScope {
public:
  UnscheduledScope() : Saved(CurThread) { setCurThread(nullptr); }
  ~UnscheduledScope() { setCurThread(Saved); }
  UnscheduledScope(const UnscheduledScope &) = delete;
  UnscheduledScope &operator=(const UnscheduledScope &) = delete;

private:
  ThreadState *Saved;
};

/// While alive, the current thread's plain reads and writes are neither
/// checked nor recorded (the counters of the ignore annotations): for libc
/// calls whose insides share memory between threads under libc-internal
/// locks weft cannot see. A block malloc'ed inside gets a clean shadow and
/// no recorded write, and a free inside checks nothing, so neither side of
/// such a pair can race. Synchronization inside is still modelled.
class IgnoreAccessesScope {
public:
  IgnoreAccessesScope() : Thr(CurThread) {
    if (Thr) {
      ++Thr->IgnoreReads;
      ++Thr->IgnoreWrites;
    }
  }
  ~IgnoreAccessesScope() {
    if (Thr) {
      --Thr->IgnoreReads;
      --Thr->IgnoreWrites;
    }
  }
  IgnoreAccessesScope(const IgnoreAccessesScope &) = delete;
  IgnoreAccessesScope &operator=(const IgnoreAccessesScope &) = delete;

private:
  ThreadState *Thr;
};

/// The thread's current call stack, for keeping (an allocation, a lock, a
/// thread creation, a report): put into the kept trie now if needed
/// (shadow_stack.h). The one way to read a thread's stack.
WEFT_ALWAYS_INLINE StackId currentStack(ThreadState *Thr) { return Thr->Shadow.kept(); }
/// The stack of an access at \p Pc, for a shadow slot: in the access
/// history, whose older generations are dropped (stack_trie.h).
inline StackId accessStack(ThreadState *Thr, uintptr_t Pc) { return Thr->Shadow.history(Pc); }
/// \p Stack as a report may print it for the shadow slot \p Slot: the
/// unavailable stack if the slot's history generation was dropped.
StackId historyStackOf(RawSlot Slot, StackId Stack);

/// The state of a thread not retired yet; null once it is (finished and
/// joined or detached: only its ThreadRecord is left).
inline ThreadState *threadById(ThreadId Id) {
  return reinterpret_cast<ThreadState *>(Rt.Sched.thread(Id));
}
inline ThreadRecord &threadRecord(ThreadId Id) { return Rt.Records[index(Id)]; }

void initialize();
/// A release by the current thread: later accesses get a new epoch.
inline void releaseTick(ThreadState *Thr) {
  ++Thr->CurEpoch;
  Thr->Clock.set(Thr->Slot, Thr->CurEpoch);
  Thr->SlotBase = makeSlot(Thr->Slot, Thr->CurEpoch, 0, false, false);
}
/// Gives a thread that just got its id a clock slot (reusing an ended
/// thread's when \p Creator has seen that end; clock_slots.h) and sets its
/// first epoch and slot bits. \p Creator is the clock the thread starts
/// from (its creator's; empty for the main thread).
inline void startEpochs(ThreadState *Thr, const VectorClock &Creator) {
  ClockSlots::Grant G = Rt.Slots.acquire(Thr->tid(), Creator);
  Thr->Slot = G.Slot;
  Thr->CurEpoch = G.First;
  Thr->Clock.set(Thr->Slot, Thr->CurEpoch);
  Thr->SlotBase = makeSlot(Thr->Slot, Thr->CurEpoch, 0, false, false);
}
/// The thread that made the access recorded in shadow slot \p S.
inline ThreadId slotThread(RawSlot S) { return Rt.Slots.ownerOf(slotSid(S), slotEpoch(S)); }

/// A new sync object for \p Addr (there is none yet).
SyncVar *syncCreate(uintptr_t Addr);
/// The sync object at \p Addr, or null.
inline SyncVar *syncFind(uintptr_t Addr) {
  sync_table::SyncRegion *R = sync_table::regionOf(Addr);
  if (!R)
    return nullptr;
  for (uint32_t Id = R->Head[sync_table::granuleIndex(Addr)]; Id;) {
    SyncVar *S = sync_table::at(Id);
    if (S->Addr == Addr)
      return S;
    Id = S->GranuleNext;
  }
  return nullptr;
}
/// Calls \p F on every sync object that an atomic access of [\p Addr,
/// \p Addr + \p Size) synchronizes with (SyncVar::overlaps): the one at
/// Addr, and atomic locations of other widths sharing bytes with it (a
/// 64-bit load of two 32-bit counters, as libstdc++'s shared_ptr does).
/// Objects live in the granule of their first byte: the granules of the
/// access hold every candidate that starts inside it or in the same
/// granule before it (almost always one list of one object). A 16-byte
/// location is not found from an access to its second granule alone, nor
/// are objects in the second granule of a misaligned access (docs/limits.md):
/// looking further would cost every atomic a second list or test.
template <typename Fn>
WEFT_ALWAYS_INLINE void syncForEachOverlapping(uintptr_t Addr, uint32_t Size, Fn F) {
  uintptr_t G = Addr;
  do {
    if (sync_table::SyncRegion *R = sync_table::regionOf(G))
      for (uint32_t Id = R->Head[sync_table::granuleIndex(G)]; Id;) {
        SyncVar *S = sync_table::at(Id);
        Id = S->GranuleNext;
        if (S->overlaps(Addr, Size))
          F(S);
      }
    G += kGranule;
    // Only a 16-byte access reaches into a second granule (an atomic is
    // aligned to its size).
  } while (WEFT_UNLIKELY(Size > kGranule) && G < Addr + Size);
}
/// The sync object at \p Addr, created if needed. Every sync operation
/// looks one up, and almost always finds it: the probe is inline.
inline SyncVar *syncFor(uintptr_t Addr) {
  if (SyncVar *S = syncFind(Addr))
    return S;
  return syncCreate(Addr);
}
/// Forgets sync objects in [Addr, Addr+Size) and the shadow of those bytes,
/// memory the program keeps (shadow::reset: zeros in place).
void resetRange(uintptr_t Addr, size_t Size);
/// The same for memory the kernel took back (shadow::release: the shadow
/// pages of a large range go back too).
void releaseRange(uintptr_t Addr, size_t Size);
/// Forgets the sync object at \p Addr, if any (AnnotateRWLockDestroy).
void forgetSync(uintptr_t Addr);
/// Forgets the sync objects in the granules of [Addr, Addr+Size), for
/// callers that rewrite the shadow of those bytes themselves.
void dropSyncsInRange(uintptr_t Addr, size_t Size);

/// A full scheduling point for the current thread (sync operations) before
/// a step about \p Object (a mutex, condvar or atomic location; 0 if none).
/// \p Op names the operation for the trace (trace_export.h): a static string.
void syncPoint(ThreadState *Thr, uintptr_t Object = 0, const char *Op = nullptr);
/// The access countdown ran out.
void accessPoint(ThreadState *Thr);

/// Range access check used by interceptors (memcpy-like) and atomics.
void checkRange(ThreadState *Thr, uintptr_t Addr, size_t Size, bool IsWrite,
                bool IsAtomic, uintptr_t Pc);
/// The check of one access of \p Size <= 16 bytes (an atomic operation):
/// the access fast path when it lies in one granule, else checkRange.
void checkAccess(ThreadState *Thr, uintptr_t Addr, unsigned Size, bool IsWrite,
                 bool IsAtomic, uintptr_t Pc);

/// One plain access of \p Size <= 8 bytes whose countdown the caller has
/// already taken (preserving_access.cc's fast path, which found no
/// covering slot), at the site whose flag is \p Site (weft/shadow_layout.h):
/// the scheduling point if the countdown ran out or the site is a
/// race-directed point, then the check. The current thread is not null.
void accessAfterCountdown(uintptr_t Addr, unsigned Size, bool IsWrite, uintptr_t Pc,
                          uint8_t *Site);

/// A libc function (memcpy, read, ...) read or wrote [Addr, Addr+Size) for
/// the current thread, called from \p Pc. Unscheduled threads and the
/// runtime itself (inside UnscheduledScope) are not checked.
inline void libcAccess(const void *Addr, size_t Size, bool IsWrite, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (Thr && Size)
    checkRange(Thr, reinterpret_cast<uintptr_t>(Addr), Size, IsWrite, false, Pc);
}

/// Appends the note that a run's schedule depended on when system calls
/// returned, if it did (syscall_interceptors.cc).
class TextBuffer;
void appendSyscallNote(TextBuffer &B);

// Strategies and schedule files (schedule_setup.cc).
/// The strategy the options name, recording when schedule_out= is set.
Strategy *makeStrategy();
/// At exit: checks a strict replay used all its decisions (on a normal
/// exit) and writes schedule_out=. Safe to call more than once.
void finishSchedule(bool NormalExit);

// Thread lifecycle (thread_interceptors.cc).
void threadExit(ThreadState *Thr, void *Ret);
/// A cancellation point of a modelled call (cancel_interceptors.cc): if a
/// cancel is pending and enabled, the thread acts on it as glibc does (its
/// cleanup handlers and destructors run, it exits with PTHREAD_CANCELED)
/// and this does not return.
void cancellationPoint(ThreadState *Thr);
/// Frees the state of a thread that finished and was joined or detached;
/// its record stays for reports.
void retireThread(ThreadState *Thr);
/// pthread_create / thrd_create for a scheduled parent; \p CallerPc is the
/// program's call site (the creation stack starts there).
int createThread(ThreadState *Parent, pthread_t *Th, const pthread_attr_t *Attr,
                 void *(*Fn)(void *), void *Arg, uintptr_t CallerPc);
/// How long a join waits for the thread to finish: until it does
/// (pthread_join, thrd_join), until a virtual-time deadline
/// (pthread_timedjoin_np, pthread_clockjoin_np: ETIMEDOUT), or not at all
/// (pthread_tryjoin_np: EBUSY).
struct JoinWait {
  uint64_t Deadline = kNoDeadline;
  bool TryOnly = false;
};
/// pthread_join and its variants, thrd_join, for a scheduled joiner.
int joinThread(ThreadState *Thr, pthread_t Th, void **Ret, uintptr_t CallerPc,
               JoinWait Wait = JoinWait());
/// Runs the handlers of signals other threads sent with pthread_kill, or
/// weft routed to this thread (signal_delivery.cc).
void deliverPendingSignals(ThreadState *Thr);
/// Every thread is blocked: the first one waiting for a signal, to wait for
/// it in the kernel (it may come from outside), or null (signal_interceptors.cc).
ThreadState *signalWaiterForOutside();
/// A read of \p Fd is about to block: if \p Fd is a signalfd, waits in the
/// scheduler for one of its signals and returns true once a read returns at
/// once; false if \p Fd is not one, or the wait must be in the kernel.
bool waitForSignalFd(ThreadState *Thr, int Fd, uintptr_t Pc);
/// A thread that finishes (or a main thread that exits) with reads, writes
/// or synchronization still ignored by annotations: reported, as TSan
/// does (annotations.cc).
void checkIgnoresAtFinish(ThreadState *Thr);
/// Records the calling OS thread's stack range (and static TLS) in \p T.
void learnStackBounds(ThreadState *T);

/// Installs reports for fatal signals the program does not handle itself
/// (crash_handler.cc).
void installCrashHandlers();
/// Gives the calling (scheduled) thread an alternate signal stack, so that
/// a crash by stack overflow is reported; releaseAltStack gives it back at
/// thread exit (crash_handler.cc).
void useAltStack();
/// The id of the calling program thread's own OS thread (gettid), also
/// while it runs on another one (thread_switch=user).
pid_t ownOsThreadId();
void releaseAltStack();

// Heap blocks (malloc_interceptors.cc), for report locations.
struct HeapBlock {
  size_t Size;
  StackId AllocStack;
  ThreadId AllocTid;
  bool Freed;       // kept after free() for use-after-free reports
  ThreadId FreeTid;
  uint64_t FreeSeq; // order of frees (1, 2, ...), 0 for a live block
};
/// True for the pseudo return addresses that stand for free() / operator
/// delete in the stack of a free's write (malloc_interceptors.cc).
bool isFreePc(uintptr_t Pc);
/// Also the pseudo frames of the allocation functions (malloc, calloc,
/// operator new...): shown in stacks, never named in a SUMMARY line.
bool isAllocatorPc(uintptr_t Pc);
/// The free marked in a shadow slot at \p Addr (slotFreed) is one of a block
/// that left the quarantine since: it is an ordinary write of the freeing
/// thread now, ordered like one. Report path only (a scan of the held
/// blocks).
bool freedMarkLapsed(uintptr_t Addr);
/// The live heap block containing \p Addr, else the most recently freed
/// one still described; returns its start or 0.
uintptr_t findHeapBlock(uintptr_t Addr, HeapBlock *Out);
/// The stack context of the free that left the mark \p Slot (slotFreed) in
/// the granule at \p GranuleAddr: such frees are named by the freed block's
/// description, not by an access-history record. Report path only.
bool freedMarkContext(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context);
/// The stack context of the allocation whose write of its block left
/// \p Slot in the granule at \p GranuleAddr, if that is what left it
/// (heap_blocks.h: a plain write of the allocating thread's clock slot and
/// epoch, in a live block its allocation wrote). Report path only.
bool allocationContext(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context);

} // namespace weft

#endif
