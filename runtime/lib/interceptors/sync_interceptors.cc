//===- sync_interceptors.cc - pthread mutex, condvar, rwlock and once -----===//
//
// These never call the real blocking functions for a scheduled thread: the
// scheduler's models decide who holds what, and a thread that must wait
// blocks in the scheduler, so the baton moves on. Happens-before:
//   unlock -> later lock of the same mutex
//   a robust mutex's dead owner -> the locker that gets EOWNERDEAD
//   writer unlock -> any later lock; reader unlock -> later write lock
//   the once routine's completion -> every caller that returns from once
// A condition-variable signal is not an edge by itself (the mutex is).
// The operations themselves (sync_ops.h) are shared with the C11 and
// spinlock interceptors.
//
//===----------------------------------------------------------------------===//

#include "sync/deadlock_steering.h"
#include "interceptors/interceptor.h"
#include "sync/lock_graph.h"
#include "report/report.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>
#include <ctime>

using namespace weft;

namespace weft {

// glibc's __kind: the type in the low bits, PTHREAD_MUTEX_ROBUST_NORMAL_NP
// (16) for robust mutexes.
constexpr int kGlibcRobustBit = 16;

SyncVar *mutexVar(pthread_mutex_t *M) {
  SyncVar *S = syncFor(uintptr_t(M));
  if (!S->m().MutexKindKnown) {
    // A mutex set up by a static initializer never went through
    // pthread_mutex_init: glibc keeps its type in __data.__kind.
    int Kind = M->__data.__kind & 3;
    S->m().Mutex.setKind(Kind == PTHREAD_MUTEX_RECURSIVE ? MutexKind::Recursive
                     : Kind == PTHREAD_MUTEX_ERRORCHECK ? MutexKind::ErrorCheck
                                                        : MutexKind::Normal);
    S->m().Mutex.setRobust((M->__data.__kind & kGlibcRobustBit) != 0);
    S->m().MutexKindKnown = true;
  }
  return S;
}

/// Lock: the thread acquires everything released into the mutex. A thread
/// that locked or unlocked it last, with nothing written to its clock
/// since, already has all of it (clocks only grow), so the common re-lock
/// by the same thread costs no join.
static void acquireMutexClock(ThreadState *Thr, SyncVar *S) {
  if (Thr->IgnoreSync)
    return;
  if (!S->coveredBy(Thr->tid()))
    Thr->Clock.join(S->Clock);
  S->setCoveredBy(Thr->tid());
}

/// Unlock: the mutex's clock takes the thread's. If the thread's clock
/// covered it before, the result is the thread's clock exactly, which it
/// keeps covering.
static void releaseMutexClock(ThreadState *Thr, SyncVar *S) {
  if (Thr->IgnoreSync)
    return;
  bool Covered = S->coveredBy(Thr->tid());
  if (Covered) // the join would give the thread's clock: copy it
    S->Clock.assign(Thr->Clock);
  else
    S->Clock.join(Thr->Clock);
  S->setCoveredBy(Covered ? Thr->tid() : ThreadId::Invalid);
  releaseTick(Thr);
}

/// Before a thread may block on \p S: a normal mutex locked again by its
/// owner is reported (it would hang), and the lock-order graph learns the
/// new orderings. Try-locks never block, so they add no ordering.
static void beforeLock(ThreadState *Thr, SyncVar *S, StackId Here, uintptr_t Pc) {
  if (S->m().Mutex.kind() == MutexKind::Normal && S->m().Mutex.owner() == Thr->tid())
    if (HeldLock *H = Thr->Locks.find(S->Uid))
      reportDoubleLock(Thr, S->Addr, Pc, H->Acquired);
  if (Rt.Opts.detect_deadlocks && !Thr->Locks.Held.empty())
    lock_graph::beforeLock(Thr, Thr->Locks, S->Uid, S->Addr, Here);
}

static void noteRobustHeld(ThreadState *Thr, SyncVar *S, bool Held) {
  if (!S->m().Mutex.robust())
    return;
  for (size_t I = 0; I < Thr->RobustHeld.size(); ++I)
    if (Thr->RobustHeld[I] == S) {
      if (!Held)
        Thr->RobustHeld.erase(I);
      return;
    }
  if (Held)
    Thr->RobustHeld.push_back(S);
}

void syncObjectAccess(ThreadState *Thr, uintptr_t Addr, bool IsInitOrDestroy, uintptr_t Pc) {
  checkAccess(Thr, Addr, 1, /*IsWrite=*/IsInitOrDestroy, /*IsAtomic=*/!IsInitOrDestroy, Pc);
}

int mutexLock(ThreadState *Thr, SyncVar *S, uintptr_t Addr, bool TryOnly,
              uint64_t Deadline, uintptr_t Pc, WaitKind Wait) {
  syncPoint(Thr, Addr, TryOnly ? "trylock" : "lock");
  syncObjectAccess(Thr, Addr, false, Pc);
  StackId Here = stack_trie::child(currentStack(Thr), Pc);
  Thr->BlockedStack = Here;
  if (!TryOnly)
    beforeLock(Thr, S, Here, Pc);
  switch (S->m().Mutex.lock(Rt.Sched, Addr, TryOnly, Deadline, Wait)) {
  case LockResult::Acquired:
    acquireMutexClock(Thr, S);
    noteRobustHeld(Thr, S, true);
    mutex_set::added(Thr->Locks, S, Here, true);
    deadlock_steering::locksChanged(Thr);
    return 0;
  case LockResult::OwnerDead:
    acquireMutexClock(Thr, S);
    noteRobustHeld(Thr, S, true);
    mutex_set::added(Thr->Locks, S, Here, true);
    deadlock_steering::locksChanged(Thr);
    return EOWNERDEAD;
  case LockResult::NotRecoverable:
    return ENOTRECOVERABLE;
  case LockResult::Busy:
    return EBUSY;
  case LockResult::SelfDeadlock:
    return EDEADLK;
  case LockResult::TimedOut:
    return ETIMEDOUT;
  case LockResult::Interrupted: // semaphores only
    break;
  }
  return EINVAL;
}

int mutexUnlock(ThreadState *Thr, SyncVar *S, uintptr_t Addr, uintptr_t Pc) {
  // Release before the unlock becomes visible: whoever takes the mutex next
  // must see everything this thread did while holding it (this access too).
  syncObjectAccess(Thr, Addr, false, Pc);
  switch (S->m().Mutex.unlock(Rt.Sched)) {
  case UnlockResult::Released:
    releaseMutexClock(Thr, S);
    noteRobustHeld(Thr, S, false);
    mutex_set::removed(Thr->Locks, S);
    deadlock_steering::locksChanged(Thr);
    break;
  case UnlockResult::StillHeld:
    return 0;
  case UnlockResult::NotOwner:
    if (S->m().Mutex.kind() == MutexKind::Normal)
      reportMutexMisuse("unlock of a mutex held by another thread", Addr, Pc);
    return EPERM;
  case UnlockResult::NotLocked:
    if (S->m().Mutex.kind() == MutexKind::Normal)
      reportMutexMisuse("unlock of an unlocked mutex", Addr, Pc);
    return EPERM;
  }
  syncPoint(Thr, Addr, "unlock");
  return 0;
}

int mutexDestroy(uintptr_t Addr, uintptr_t Pc) {
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, Addr, true, Pc);
  if (SyncVar *S = syncFind(Addr)) {
    if (S->m().Mutex.isLocked()) {
      reportMutexMisuse("destroy of a locked mutex", Addr, Pc);
      return EBUSY;
    }
    forgetSync(Addr);
  }
  return 0;
}

int condWait(ThreadState *Thr, uintptr_t Cond, pthread_mutex_t *M,
             uint64_t Deadline, uintptr_t Pc) {
  SyncVar *SC = syncFor(Cond);
  SyncVar *SM = mutexVar(M);
  syncObjectAccess(Thr, Cond, false, Pc);
  if (SM->m().Mutex.owner() != Thr->tid())
    return EPERM;
  // The waiter checked its predicate and now joins the waiters: between the
  // two, a notifier that does not take the mutex (it sets an atomic flag
  // and signals) can run, and its signal finds nobody waiting. That window
  // exists in the program, so it exists in the schedule.
  syncPoint(Thr, Cond, "cond_wait");
  // A cancellation point (C11's cnd_wait too: glibc's runs the same wait):
  // glibc acts on entry with the mutex held. After the point, so that a
  // cancel sent while this thread waited there is seen before it blocks.
  cancellationPoint(Thr);
  syncObjectAccess(Thr, uintptr_t(M), false, Pc);
  releaseMutexClock(Thr, SM);
  uint32_t Depth = SM->m().Mutex.unlockForWait(Rt.Sched);
  Thr->BlockedStack = stack_trie::child(currentStack(Thr), Pc);
  bool Woken = true;
  if (Rt.Opts.spurious_wakeups &&
      Rt.Sched.choose(ChoiceKind::SpuriousWakeup, 2) == 1)
    Rt.Sched.point(PointKind::Yield, Cond); // returns unsignalled
  else
    Woken = SC->m().CondWaiters.wait(Rt.Sched, WaitInfo{WaitKind::CondVar, Cond}, Deadline);
  Thr->BlockedStack = stack_trie::child(currentStack(Thr), Pc);
  // Relocking blocks as long as it takes; a robust mutex whose owner died
  // meanwhile is taken with EOWNERDEAD (or is unusable), as in glibc.
  LockResult R = SM->m().Mutex.lock(Rt.Sched, uintptr_t(M), false);
  if (R == LockResult::NotRecoverable) {
    // Not relocked: the thread no longer holds the mutex it waited with.
    noteRobustHeld(Thr, SM, false);
    mutex_set::removed(Thr->Locks, SM);
    deadlock_steering::locksChanged(Thr);
    return ENOTRECOVERABLE;
  }
  SM->m().Mutex.setRecursion(Depth);
  acquireMutexClock(Thr, SM);
  if (R == LockResult::OwnerDead)
    return EOWNERDEAD;
  return Woken ? 0 : ETIMEDOUT;
}

void condWake(ThreadState *Thr, uintptr_t Cond, bool All, uintptr_t Pc) {
  syncObjectAccess(Thr, Cond, false, Pc);
  SyncVar *S = syncFor(Cond);
  if (All)
    S->m().CondWaiters.wakeAll(Rt.Sched);
  else
    S->m().CondWaiters.wakeOne(Rt.Sched);
  syncPoint(Thr, Cond, All ? "cond_broadcast" : "cond_signal");
}

void onceRun(ThreadState *Thr, volatile int *State, void (*Init)(), uintptr_t Pc) {
  SyncVar *S = syncFor(uintptr_t(State));
  syncPoint(Thr, uintptr_t(State), "once");
  for (;;) {
    if (*State == 2) {
      Thr->Clock.join(S->Clock);
      return;
    }
    if (*State == 1) {
      Thr->BlockedStack = stack_trie::child(currentStack(Thr), Pc);
      S->m().CondWaiters.wait(Rt.Sched, WaitInfo{WaitKind::Once, uintptr_t(State)}, kNoDeadline);
      continue;
    }
    *State = 1;
    Init();
    *State = 2;
    S->Clock.join(Thr->Clock);
    releaseTick(Thr);
    S->m().CondWaiters.wakeAll(Rt.Sched);
    return;
  }
}

} // namespace weft

WEFT_DECLARE_REAL(int, pthread_mutex_lock, pthread_mutex_t *)
WEFT_DECLARE_REAL(int, pthread_mutex_trylock, pthread_mutex_t *)
WEFT_DECLARE_REAL(int, pthread_mutex_unlock, pthread_mutex_t *)
WEFT_DECLARE_REAL(int, pthread_mutex_init, pthread_mutex_t *, const pthread_mutexattr_t *)

WEFT_INTERCEPTOR int pthread_mutex_init(pthread_mutex_t *M, const pthread_mutexattr_t *A) {
  WEFT_ENSURE_REAL(pthread_mutex_init);
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(M), true, WEFT_CALLER_PC);
  int R = WEFT_REAL(pthread_mutex_init)(M, A);
  if (CurThread)
    forgetSync(uintptr_t(M));
  return R;
}

WEFT_INTERCEPTOR int pthread_mutex_destroy(pthread_mutex_t *M) {
  if (CurThread)
    return mutexDestroy(uintptr_t(M), WEFT_CALLER_PC);
  return 0;
}

WEFT_INTERCEPTOR int pthread_mutex_consistent(pthread_mutex_t *M) {
  if (!CurThread)
    return EINVAL;
  return mutexVar(M)->m().Mutex.makeConsistent(Rt.Sched) ? 0 : EINVAL;
}

WEFT_INTERCEPTOR int pthread_mutex_lock(pthread_mutex_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_mutex_lock);
    return WEFT_REAL(pthread_mutex_lock)(M);
  }
  return mutexLock(Thr, mutexVar(M), uintptr_t(M), false, kNoDeadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_mutex_trylock(pthread_mutex_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_mutex_trylock);
    return WEFT_REAL(pthread_mutex_trylock)(M);
  }
  return mutexLock(Thr, mutexVar(M), uintptr_t(M), true, kNoDeadline, WEFT_CALLER_PC);
}

int weft::mutexTimedLock(ThreadState *Thr, pthread_mutex_t *M, clockid_t Clock,
                         const struct timespec *Abs, uintptr_t Pc) {
  // A bad clock is EINVAL at once, a bad timeout only if the lock waits.
  if (!validWaitClock(Clock))
    return EINVAL;
  uint64_t Deadline;
  if (!waitDeadline(Clock, Abs, &Deadline)) {
    int R = mutexLock(Thr, mutexVar(M), uintptr_t(M), true, kNoDeadline, Pc);
    return R == EBUSY ? EINVAL : R;
  }
  return mutexLock(Thr, mutexVar(M), uintptr_t(M), false, Deadline, Pc);
}

WEFT_INTERCEPTOR int pthread_mutex_timedlock(pthread_mutex_t *M, const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return ENOTSUP;
  return mutexTimedLock(Thr, M, CLOCK_REALTIME, Abs, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t C,
                                             const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return ENOTSUP;
  return mutexTimedLock(Thr, M, C, Abs, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_mutex_unlock(pthread_mutex_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_mutex_unlock);
    return WEFT_REAL(pthread_mutex_unlock)(M);
  }
  return mutexUnlock(Thr, mutexVar(M), uintptr_t(M), WEFT_CALLER_PC);
}

// Condition variables -------------------------------------------------------

static int condWaitIntercepted(pthread_cond_t *C, pthread_mutex_t *M,
                               uint64_t Deadline, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return EINVAL;
  // A cancellation point on entry (in condWait) and after a cancel ended
  // the wait, once the mutex is relocked.
  int R = condWait(Thr, uintptr_t(C), M, Deadline, Pc);
  if (R == 0 || R == ETIMEDOUT || R == EOWNERDEAD)
    cancellationPoint(Thr);
  return R;
}

WEFT_INTERCEPTOR int pthread_cond_init(pthread_cond_t *C, const pthread_condattr_t *Attr) {
  if (ThreadState *Thr = CurThread) {
    syncObjectAccess(Thr, uintptr_t(C), true, WEFT_CALLER_PC);
    forgetSync(uintptr_t(C));
    // The clock timed waits measure their deadline on
    // (pthread_condattr_setclock): a CLOCK_MONOTONIC deadline read as a
    // realtime one has long passed.
    clockid_t Clock = CLOCK_REALTIME;
    if (Attr && pthread_condattr_getclock(Attr, &Clock) == 0 && Clock != CLOCK_REALTIME)
      syncFor(uintptr_t(C))->m().CondClock = Clock;
  }
  return 0;
}

WEFT_INTERCEPTOR int pthread_cond_destroy(pthread_cond_t *C) {
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(C), true, WEFT_CALLER_PC);
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(C)))
      if (S->m().CondWaiters.empty())
        forgetSync(uintptr_t(C));
  return 0;
}

WEFT_INTERCEPTOR int pthread_cond_wait(pthread_cond_t *C, pthread_mutex_t *M) {
  return condWaitIntercepted(C, M, kNoDeadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_cond_timedwait(pthread_cond_t *C, pthread_mutex_t *M,
                                            const struct timespec *Abs) {
  clockid_t Clock = CLOCK_REALTIME;
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(C)); S && S->Models)
      Clock = S->Models->CondClock;
  // As glibc: a malformed timeout fails before the mutex is released.
  uint64_t Deadline;
  if (!waitDeadline(Clock, Abs, &Deadline))
    return EINVAL;
  return condWaitIntercepted(C, M, Deadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_cond_clockwait(pthread_cond_t *C, pthread_mutex_t *M,
                                            clockid_t Clock, const struct timespec *Abs) {
  uint64_t Deadline;
  if (!waitDeadline(Clock, Abs, &Deadline))
    return EINVAL;
  return condWaitIntercepted(C, M, Deadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_cond_signal(pthread_cond_t *C) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return 0;
  condWake(Thr, uintptr_t(C), /*All=*/false, WEFT_CALLER_PC);
  return 0;
}

WEFT_INTERCEPTOR int pthread_cond_broadcast(pthread_cond_t *C) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return 0;
  condWake(Thr, uintptr_t(C), /*All=*/true, WEFT_CALLER_PC);
  return 0;
}

// Reader-writer locks -------------------------------------------------------

static int rwLock(pthread_rwlock_t *L, bool Exclusive, bool TryOnly,
                  uint64_t Deadline, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return EINVAL;
  SyncVar *S = syncFor(uintptr_t(L));
  syncPoint(Thr, uintptr_t(L), Exclusive ? "wrlock" : "rdlock");
  syncObjectAccess(Thr, uintptr_t(L), false, Pc);
  StackId Here = stack_trie::child(currentStack(Thr), Pc);
  Thr->BlockedStack = Here;
  if (!TryOnly)
    beforeLock(Thr, S, Here, Pc);
  LockResult R = Exclusive ? S->m().RwLock.lockExclusive(Rt.Sched, uintptr_t(L), TryOnly, Deadline)
                           : S->m().RwLock.lockShared(Rt.Sched, uintptr_t(L), TryOnly, Deadline);
  switch (R) {
  case LockResult::Acquired:
    if (!Thr->IgnoreSync) {
      Thr->Clock.join(S->Clock);
      if (Exclusive)
        Thr->Clock.join(S->m().ReadersClock);
    }
    mutex_set::added(Thr->Locks, S, Here, Exclusive);
    deadlock_steering::locksChanged(Thr);
    return 0;
  case LockResult::Busy:
    return EBUSY;
  case LockResult::SelfDeadlock:
    return EDEADLK;
  case LockResult::TimedOut:
    return ETIMEDOUT;
  case LockResult::OwnerDead: // mutexes only
  case LockResult::NotRecoverable:
  case LockResult::Interrupted: // semaphores only
    break;
  }
  return EINVAL;
}

WEFT_INTERCEPTOR int pthread_rwlock_init(pthread_rwlock_t *L, const pthread_rwlockattr_t *) {
  if (ThreadState *Thr = CurThread) {
    syncObjectAccess(Thr, uintptr_t(L), true, WEFT_CALLER_PC);
    forgetSync(uintptr_t(L));
  }
  return 0;
}
WEFT_INTERCEPTOR int pthread_rwlock_destroy(pthread_rwlock_t *L) {
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(L), true, WEFT_CALLER_PC);
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(L)))
      if (!S->m().RwLock.heldExclusively() && S->m().RwLock.readers() == 0)
        forgetSync(uintptr_t(L));
  return 0;
}
WEFT_INTERCEPTOR int pthread_rwlock_rdlock(pthread_rwlock_t *L) {
  return rwLock(L, false, false, kNoDeadline, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_tryrdlock(pthread_rwlock_t *L) {
  return rwLock(L, false, true, kNoDeadline, WEFT_CALLER_PC);
}
/// A timed rwlock: as glibc's, it checks its timeout and clock before it
/// tries.
static int rwTimedLock(pthread_rwlock_t *L, bool Exclusive, clockid_t Clock,
                       const struct timespec *Abs, uintptr_t Pc) {
  uint64_t Deadline;
  if (!waitDeadline(Clock, Abs, &Deadline))
    return EINVAL;
  return rwLock(L, Exclusive, false, Deadline, Pc);
}
WEFT_INTERCEPTOR int pthread_rwlock_timedrdlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  return rwTimedLock(L, false, CLOCK_REALTIME, Abs, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_clockrdlock(pthread_rwlock_t *L, clockid_t C,
                                               const struct timespec *Abs) {
  return rwTimedLock(L, false, C, Abs, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_wrlock(pthread_rwlock_t *L) {
  return rwLock(L, true, false, kNoDeadline, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_trywrlock(pthread_rwlock_t *L) {
  return rwLock(L, true, true, kNoDeadline, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_timedwrlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  return rwTimedLock(L, true, CLOCK_REALTIME, Abs, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_clockwrlock(pthread_rwlock_t *L, clockid_t C,
                                               const struct timespec *Abs) {
  return rwTimedLock(L, true, C, Abs, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_rwlock_unlock(pthread_rwlock_t *L) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return EINVAL;
  SyncVar *S = syncFor(uintptr_t(L));
  syncObjectAccess(Thr, uintptr_t(L), false, WEFT_CALLER_PC);
  bool WasWriter = S->m().RwLock.heldExclusively();
  if (S->m().RwLock.unlock(Rt.Sched) != UnlockResult::Released) {
    reportMutexMisuse("unlock of an rwlock not held", uintptr_t(L), WEFT_CALLER_PC);
    return EPERM;
  }
  if (!Thr->IgnoreSync) {
    (WasWriter ? S->Clock : S->m().ReadersClock).join(Thr->Clock);
    releaseTick(Thr);
  }
  mutex_set::removed(Thr->Locks, S);
  deadlock_steering::locksChanged(Thr);
  syncPoint(Thr, uintptr_t(L), "rw_unlock");
  return 0;
}

// Once ----------------------------------------------------------------------

// weft owns the once word of a scheduled program: 0 not run, 1 running, 2 done.
WEFT_INTERCEPTOR int pthread_once(pthread_once_t *Once, void (*Init)()) {
  ThreadState *Thr = CurThread;
  auto *State = reinterpret_cast<volatile int *>(Once);
  // In a real blocking call the thread has no baton: libgcc's unwinder
  // calls this when glibc cancels it there (cancel_interceptors.cc).
  if (!Thr || Thr->Green.Status == ThreadStatus::InSyscall) {
    if (*State != 2) {
      *State = 2;
      Init();
    }
    return 0;
  }
  onceRun(Thr, State, Init, WEFT_CALLER_PC);
  return 0;
}
