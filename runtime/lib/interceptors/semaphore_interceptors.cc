//===- semaphore_interceptors.cc - POSIX semaphores, unnamed and named ----===//
//
// The count and the waiters are the scheduler's (semaphore_model.h): a
// thread never sleeps in the kernel in sem_wait. Happens-before: every post
// releases into the semaphore's clock and every successful wait acquires it.
// Posts and waits are read-modify-writes of one count, so a wait is ordered
// after every post before it, not just the one whose unit it took (the C++
// memory model says the same of counting_semaphore).
//
// The real sem_t stays the object's identity and mirrors the count: weft
// posts and try-waits it alongside the model. A named semaphore (sem_open)
// thus keeps its value across sem_close and a later sem_open, and a
// semaphore weft meets for the first time (opened by name, or initialized
// before weft started) starts from its real value.
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>
#include <cstdarg>
#include <fcntl.h>
#include <semaphore.h>

using namespace weft;

WEFT_DECLARE_REAL(int, sem_init, sem_t *, int, unsigned)
WEFT_DECLARE_REAL(int, sem_destroy, sem_t *)
WEFT_DECLARE_REAL(int, sem_post, sem_t *)
WEFT_DECLARE_REAL(int, sem_wait, sem_t *)
WEFT_DECLARE_REAL(int, sem_trywait, sem_t *)
WEFT_DECLARE_REAL(int, sem_timedwait, sem_t *, const struct timespec *)
WEFT_DECLARE_REAL(int, sem_clockwait, sem_t *, clockid_t, const struct timespec *)
WEFT_DECLARE_REAL(int, sem_getvalue, sem_t *, int *)
WEFT_DECLARE_REAL(sem_t *, sem_open, const char *, int, ...)
WEFT_DECLARE_REAL(int, sem_close, sem_t *)

namespace {

int fail(int Err) {
  errno = Err;
  return -1;
}

SemaphoreModel *semModel(sem_t *Sem) {
  SyncVar *S = syncFor(uintptr_t(Sem));
  if (!S->m().Sem) {
    WEFT_ENSURE_REAL(sem_getvalue);
    int Value = 0;
    WEFT_REAL(sem_getvalue)(Sem, &Value);
    S->m().Sem = internalNew<SemaphoreModel>(uint32_t(Value < 0 ? 0 : Value));
  }
  return S->m().Sem;
}

int semWait(ThreadState *Thr, sem_t *Sem, bool TryOnly, uint64_t Deadline, uintptr_t Pc) {
  SemaphoreModel *M = semModel(Sem);
  syncPoint(Thr, uintptr_t(Sem), "sem_wait");
  if (!TryOnly)
    cancellationPoint(Thr); // on entry; after a wait a cancel ended, below
  Thr->BlockedStack = stack_trie::child(currentStack(Thr), Pc);
  LockResult R = M->wait(Rt.Sched, uintptr_t(Sem), TryOnly, Deadline);
  // A handler ran (signal_delivery.h). Linux restarts sem_wait after a
  // handler installed with SA_RESTART (signal(7)), else it fails with
  // EINTR; sem_timedwait's futex wait has a deadline and always fails.
  // A cancel that ended the wait acts before any restart (it does not return).
  while (R == LockResult::Interrupted && Thr->RestartAfterHandler && Deadline == kNoDeadline) {
    cancellationPoint(Thr);
    R = M->wait(Rt.Sched, uintptr_t(Sem), TryOnly, Deadline);
  }
  switch (R) {
  case LockResult::Acquired:
    break;
  case LockResult::Busy:
    return fail(EAGAIN);
  case LockResult::TimedOut:
    return fail(ETIMEDOUT);
  case LockResult::Interrupted: // a handler ran, or a cancel ended the wait
    cancellationPoint(Thr);
    return fail(EINTR);
  default:
    return fail(EINVAL);
  }
  if (!Thr->IgnoreSync)
    Thr->Clock.join(syncFind(uintptr_t(Sem))->Clock);
  WEFT_ENSURE_REAL(sem_trywait);
  WEFT_REAL(sem_trywait)(Sem); // the mirror has at least this unit
  return 0;
}

} // namespace

WEFT_INTERCEPTOR int sem_init(sem_t *Sem, int Shared, unsigned Value) {
  WEFT_ENSURE_REAL(sem_init);
  int R = WEFT_REAL(sem_init)(Sem, Shared, Value);
  if (R != 0 || !CurThread)
    return R;
  forgetSync(uintptr_t(Sem));
  syncFor(uintptr_t(Sem))->m().Sem = internalNew<SemaphoreModel>(Value);
  return 0;
}

WEFT_INTERCEPTOR int sem_destroy(sem_t *Sem) {
  WEFT_ENSURE_REAL(sem_destroy);
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(Sem))) {
      if (S->m().Sem && S->m().Sem->hasWaiters())
        return fail(EBUSY);
      forgetSync(uintptr_t(Sem));
    }
  return WEFT_REAL(sem_destroy)(Sem);
}

WEFT_INTERCEPTOR int sem_post(sem_t *Sem) {
  WEFT_ENSURE_REAL(sem_post);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(sem_post)(Sem);
  SemaphoreModel *M = semModel(Sem);
  SyncVar *S = syncFind(uintptr_t(Sem));
  if (M->value() == SemaphoreModel::kMaxValue)
    return fail(EOVERFLOW);
  if (!Thr->IgnoreSync) {
    S->Clock.join(Thr->Clock);
    releaseTick(Thr);
  }
  M->post(Rt.Sched);
  WEFT_REAL(sem_post)(Sem);
  syncPoint(Thr, uintptr_t(Sem), "sem_post");
  return 0;
}

WEFT_INTERCEPTOR int sem_wait(sem_t *Sem) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(sem_wait);
    return WEFT_REAL(sem_wait)(Sem);
  }
  return semWait(Thr, Sem, false, kNoDeadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int sem_trywait(sem_t *Sem) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(sem_trywait);
    return WEFT_REAL(sem_trywait)(Sem);
  }
  return semWait(Thr, Sem, true, kNoDeadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int sem_timedwait(sem_t *Sem, const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(sem_timedwait);
    return WEFT_REAL(sem_timedwait)(Sem, Abs);
  }
  uint64_t Deadline;
  if (!waitDeadline(CLOCK_REALTIME, Abs, &Deadline))
    return fail(EINVAL);
  return semWait(Thr, Sem, false, Deadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int sem_clockwait(sem_t *Sem, clockid_t Clock, const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(sem_clockwait);
    return WEFT_REAL(sem_clockwait)(Sem, Clock, Abs);
  }
  uint64_t Deadline;
  if (!waitDeadline(Clock, Abs, &Deadline))
    return fail(EINVAL);
  return semWait(Thr, Sem, false, Deadline, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int sem_getvalue(sem_t *Sem, int *Value) {
  WEFT_ENSURE_REAL(sem_getvalue);
  if (!CurThread)
    return WEFT_REAL(sem_getvalue)(Sem, Value);
  *Value = int(semModel(Sem)->value());
  return 0;
}

// sem_open's value and mode arguments exist only with O_CREAT.
WEFT_INTERCEPTOR sem_t *sem_open(const char *Name, int Flags, ...) {
  WEFT_ENSURE_REAL(sem_open);
  mode_t Mode = 0;
  unsigned Value = 0;
  if (Flags & O_CREAT) {
    va_list Ap;
    va_start(Ap, Flags);
    Mode = mode_t(va_arg(Ap, unsigned));
    Value = va_arg(Ap, unsigned);
    va_end(Ap);
  }
  sem_t *Sem;
  {
    // Opening the backing file is not a program event.
    UnscheduledScope Quiet;
    Sem = (Flags & O_CREAT) ? WEFT_REAL(sem_open)(Name, Flags, Mode, Value)
                            : WEFT_REAL(sem_open)(Name, Flags);
  }
  if (Sem != SEM_FAILED && CurThread) {
    // glibc maps a name once per process and counts the opens: the same
    // address comes back, and so does weft's object for it.
    semModel(Sem);
    ++syncFind(uintptr_t(Sem))->m().Opens;
  }
  return Sem;
}

WEFT_INTERCEPTOR int sem_close(sem_t *Sem) {
  WEFT_ENSURE_REAL(sem_close);
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(Sem))) {
      if (S->m().Opens <= 1 && !S->inUse())
        forgetSync(uintptr_t(Sem));
      else if (S->m().Opens > 0)
        --S->m().Opens;
    }
  UnscheduledScope Quiet;
  return WEFT_REAL(sem_close)(Sem);
}
