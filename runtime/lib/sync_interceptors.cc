//===- sync_interceptors.cc - pthread mutex, condvar, rwlock and once -----===//
//
// These never call the real blocking functions for a scheduled thread: the
// scheduler's models decide who holds what, and a thread that must wait
// blocks in the scheduler, so the baton moves on. Happens-before:
//   unlock -> later lock of the same mutex
//   writer unlock -> any later lock; reader unlock -> later write lock
//   the once routine's completion -> every caller that returns from once
// A condition-variable signal is not an edge by itself (the mutex is).
//
//===----------------------------------------------------------------------===//

#include "interceptor.h"
#include "report.h"
#include "rtl.h"

#include <cerrno>
#include <ctime>

using namespace weft;

namespace weft {

/// Virtual deadline for an absolute CLOCK_REALTIME timeout.
uint64_t virtualDeadline(clockid_t Clock, const struct timespec *Abs); // time_interceptors.cc

namespace {

SyncVar *mutexVar(pthread_mutex_t *M) {
  SyncVar *S = syncFor(uintptr_t(M));
  if (!S->MutexKindKnown) {
    // A mutex set up by a static initializer never went through
    // pthread_mutex_init: glibc keeps its type in __data.__kind.
    int Kind = M->__data.__kind & 3;
    S->Mutex.setKind(Kind == PTHREAD_MUTEX_RECURSIVE ? MutexKind::Recursive
                     : Kind == PTHREAD_MUTEX_ERRORCHECK ? MutexKind::ErrorCheck
                                                        : MutexKind::Normal);
    S->MutexKindKnown = true;
  }
  return S;
}

void forget(uintptr_t Addr) {
  if (SyncVar **S = Rt.Syncs.find(Addr)) {
    SyncVar *Old = *S;
    Rt.Syncs.erase(Addr);
    internalDelete(Old);
  }
}

int lockMutex(ThreadState *Thr, pthread_mutex_t *M, bool TryOnly,
              uint64_t Deadline, uintptr_t Pc) {
  SyncVar *S = mutexVar(M);
  syncPoint(Thr, uintptr_t(M));
  Thr->BlockedStack = stack_trie::child(Thr->Stack, Pc);
  switch (S->Mutex.lock(Rt.Sched, uintptr_t(M), TryOnly, Deadline)) {
  case LockResult::Acquired:
    Thr->Clock.join(S->Clock);
    return 0;
  case LockResult::Busy:
    return EBUSY;
  case LockResult::SelfDeadlock:
    return EDEADLK;
  case LockResult::TimedOut:
    return ETIMEDOUT;
  }
  return EINVAL;
}

int unlockMutex(ThreadState *Thr, pthread_mutex_t *M, uintptr_t Pc) {
  SyncVar *S = mutexVar(M);
  // Release before the unlock becomes visible: whoever takes the mutex next
  // must see everything this thread did while holding it.
  switch (S->Mutex.unlock(Rt.Sched)) {
  case UnlockResult::Released:
    S->Clock.join(Thr->Clock);
    releaseTick(Thr);
    break;
  case UnlockResult::StillHeld:
    return 0;
  case UnlockResult::NotOwner:
    if (S->Mutex.kind() == MutexKind::Normal)
      reportMutexMisuse("unlock of a mutex held by another thread", uintptr_t(M), Pc);
    return EPERM;
  case UnlockResult::NotLocked:
    if (S->Mutex.kind() == MutexKind::Normal)
      reportMutexMisuse("unlock of an unlocked mutex", uintptr_t(M), Pc);
    return EPERM;
  }
  syncPoint(Thr, uintptr_t(M));
  return 0;
}

} // namespace
} // namespace weft

WEFT_DECLARE_REAL(int, pthread_mutex_lock, pthread_mutex_t *)
WEFT_DECLARE_REAL(int, pthread_mutex_trylock, pthread_mutex_t *)
WEFT_DECLARE_REAL(int, pthread_mutex_unlock, pthread_mutex_t *)
WEFT_DECLARE_REAL(int, pthread_mutex_init, pthread_mutex_t *, const pthread_mutexattr_t *)

WEFT_INTERCEPTOR int pthread_mutex_init(pthread_mutex_t *M, const pthread_mutexattr_t *A) {
  WEFT_ENSURE_REAL(pthread_mutex_init);
  int R = WEFT_REAL(pthread_mutex_init)(M, A);
  if (CurThread)
    forget(uintptr_t(M));
  return R;
}

WEFT_INTERCEPTOR int pthread_mutex_destroy(pthread_mutex_t *M) {
  if (ThreadState *Thr = CurThread) {
    if (SyncVar *S = syncFind(uintptr_t(M))) {
      if (S->Mutex.isLocked()) {
        reportMutexMisuse("destroy of a locked mutex", uintptr_t(M), WEFT_CALLER_PC);
        return EBUSY;
      }
      forget(uintptr_t(M));
    }
    (void)Thr;
  }
  return 0;
}

WEFT_INTERCEPTOR int pthread_mutex_lock(pthread_mutex_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_mutex_lock);
    return WEFT_REAL(pthread_mutex_lock)(M);
  }
  return lockMutex(Thr, M, false, kNoDeadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_mutex_trylock(pthread_mutex_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_mutex_trylock);
    return WEFT_REAL(pthread_mutex_trylock)(M);
  }
  return lockMutex(Thr, M, true, kNoDeadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_mutex_timedlock(pthread_mutex_t *M, const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return ENOTSUP;
  return lockMutex(Thr, M, false, virtualDeadline(CLOCK_REALTIME, Abs), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t C,
                                             const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return ENOTSUP;
  return lockMutex(Thr, M, false, virtualDeadline(C, Abs), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_mutex_unlock(pthread_mutex_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_mutex_unlock);
    return WEFT_REAL(pthread_mutex_unlock)(M);
  }
  return unlockMutex(Thr, M, WEFT_CALLER_PC);
}

// Condition variables -------------------------------------------------------

static int condWait(pthread_cond_t *C, pthread_mutex_t *M, uint64_t Deadline,
                    uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return EINVAL;
  SyncVar *SC = syncFor(uintptr_t(C));
  SyncVar *SM = mutexVar(M);
  if (SM->Mutex.owner() != Thr->tid())
    return EPERM;
  SM->Clock.join(Thr->Clock);
  releaseTick(Thr);
  uint32_t Depth = SM->Mutex.unlockForWait(Rt.Sched);
  Thr->BlockedStack = stack_trie::child(Thr->Stack, Pc);
  bool Woken = true;
  if (Rt.Opts.spurious_wakeups &&
      Rt.Sched.choose(ChoiceKind::SpuriousWakeup, 2) == 1)
    Rt.Sched.point(PointKind::Yield, uintptr_t(C)); // returns unsignalled
  else
    Woken = SC->CondWaiters.wait(Rt.Sched, WaitInfo{WaitKind::CondVar, uintptr_t(C)}, Deadline);
  Thr->BlockedStack = stack_trie::child(Thr->Stack, Pc);
  while (SM->Mutex.lock(Rt.Sched, uintptr_t(M), false) != LockResult::Acquired) {
  }
  SM->Mutex.setRecursion(Depth);
  Thr->Clock.join(SM->Clock);
  return Woken ? 0 : ETIMEDOUT;
}

WEFT_INTERCEPTOR int pthread_cond_init(pthread_cond_t *C, const pthread_condattr_t *) {
  if (CurThread)
    forget(uintptr_t(C));
  return 0;
}

WEFT_INTERCEPTOR int pthread_cond_destroy(pthread_cond_t *C) {
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(C)))
      if (S->CondWaiters.empty())
        forget(uintptr_t(C));
  return 0;
}

WEFT_INTERCEPTOR int pthread_cond_wait(pthread_cond_t *C, pthread_mutex_t *M) {
  return condWait(C, M, kNoDeadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_cond_timedwait(pthread_cond_t *C, pthread_mutex_t *M,
                                            const struct timespec *Abs) {
  return condWait(C, M, virtualDeadline(CLOCK_REALTIME, Abs), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_cond_clockwait(pthread_cond_t *C, pthread_mutex_t *M,
                                            clockid_t Clock, const struct timespec *Abs) {
  return condWait(C, M, virtualDeadline(Clock, Abs), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int pthread_cond_signal(pthread_cond_t *C) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return 0;
  SyncVar *S = syncFor(uintptr_t(C));
  S->CondWaiters.wakeOne(Rt.Sched);
  syncPoint(Thr, uintptr_t(C));
  return 0;
}

WEFT_INTERCEPTOR int pthread_cond_broadcast(pthread_cond_t *C) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return 0;
  SyncVar *S = syncFor(uintptr_t(C));
  S->CondWaiters.wakeAll(Rt.Sched);
  syncPoint(Thr, uintptr_t(C));
  return 0;
}

// Reader-writer locks -------------------------------------------------------

static int rwLock(pthread_rwlock_t *L, bool Exclusive, bool TryOnly,
                  uint64_t Deadline, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return EINVAL;
  SyncVar *S = syncFor(uintptr_t(L));
  syncPoint(Thr, uintptr_t(L));
  Thr->BlockedStack = stack_trie::child(Thr->Stack, Pc);
  LockResult R = Exclusive ? S->RwLock.lockExclusive(Rt.Sched, uintptr_t(L), TryOnly, Deadline)
                           : S->RwLock.lockShared(Rt.Sched, uintptr_t(L), TryOnly, Deadline);
  switch (R) {
  case LockResult::Acquired:
    Thr->Clock.join(S->Clock);
    if (Exclusive)
      Thr->Clock.join(S->ReadersClock);
    return 0;
  case LockResult::Busy:
    return EBUSY;
  case LockResult::SelfDeadlock:
    return EDEADLK;
  case LockResult::TimedOut:
    return ETIMEDOUT;
  }
  return EINVAL;
}

WEFT_INTERCEPTOR int pthread_rwlock_init(pthread_rwlock_t *L, const pthread_rwlockattr_t *) {
  if (CurThread)
    forget(uintptr_t(L));
  return 0;
}
WEFT_INTERCEPTOR int pthread_rwlock_destroy(pthread_rwlock_t *L) {
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(L)))
      if (!S->RwLock.heldExclusively() && S->RwLock.readers() == 0)
        forget(uintptr_t(L));
  return 0;
}
WEFT_INTERCEPTOR int pthread_rwlock_rdlock(pthread_rwlock_t *L) {
  return rwLock(L, false, false, kNoDeadline, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_tryrdlock(pthread_rwlock_t *L) {
  return rwLock(L, false, true, kNoDeadline, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_timedrdlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  return rwLock(L, false, false, virtualDeadline(CLOCK_REALTIME, Abs), WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_wrlock(pthread_rwlock_t *L) {
  return rwLock(L, true, false, kNoDeadline, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_trywrlock(pthread_rwlock_t *L) {
  return rwLock(L, true, true, kNoDeadline, WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_timedwrlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  return rwLock(L, true, false, virtualDeadline(CLOCK_REALTIME, Abs), WEFT_CALLER_PC);
}
WEFT_INTERCEPTOR int pthread_rwlock_unlock(pthread_rwlock_t *L) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return EINVAL;
  SyncVar *S = syncFor(uintptr_t(L));
  bool WasWriter = S->RwLock.heldExclusively();
  if (S->RwLock.unlock(Rt.Sched) != UnlockResult::Released) {
    reportMutexMisuse("unlock of an rwlock not held", uintptr_t(L), WEFT_CALLER_PC);
    return EPERM;
  }
  (WasWriter ? S->Clock : S->ReadersClock).join(Thr->Clock);
  releaseTick(Thr);
  syncPoint(Thr, uintptr_t(L));
  return 0;
}

// Once ----------------------------------------------------------------------

// weft owns the once word of a scheduled program: 0 not run, 1 running, 2 done.
WEFT_INTERCEPTOR int pthread_once(pthread_once_t *Once, void (*Init)()) {
  ThreadState *Thr = CurThread;
  auto *State = reinterpret_cast<volatile int *>(Once);
  if (!Thr) {
    if (*State != 2) {
      *State = 2;
      Init();
    }
    return 0;
  }
  SyncVar *S = syncFor(uintptr_t(Once));
  syncPoint(Thr, uintptr_t(Once));
  for (;;) {
    if (*State == 2) {
      Thr->Clock.join(S->Clock);
      return 0;
    }
    if (*State == 1) {
      Thr->BlockedStack = stack_trie::child(Thr->Stack, WEFT_CALLER_PC);
      S->CondWaiters.wait(Rt.Sched, WaitInfo{WaitKind::Once, uintptr_t(Once)}, kNoDeadline);
      continue;
    }
    *State = 1;
    Init();
    *State = 2;
    S->Clock.join(Thr->Clock);
    releaseTick(Thr);
    S->CondWaiters.wakeAll(Rt.Sched);
    return 0;
  }
}
