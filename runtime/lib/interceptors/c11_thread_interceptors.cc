//===- c11_thread_interceptors.cc - C11 <threads.h> -----------------------===//
//
// glibc implements thrd_create, mtx_lock, cnd_wait, call_once, ... with
// internal calls that never reach the interposable pthread names, so weft
// intercepts the C11 names themselves. glibc's C11 objects are its pthread
// objects (mtx_t is a pthread_mutex_t, cnd_t a pthread_cond_t, once_flag a
// pthread_once_t), so every operation goes to the shared model code of
// sync_ops.h and thread_interceptors.cc; this file only translates
// arguments and results (thrd_success, thrd_busy, thrd_timedout, ...).
// tss_* stays glibc's: it is pthread keys on real OS threads, which weft
// keeps (see docs/limits.md for destructors at thread exit).
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>
#include <ctime>
#include <sched.h>
#include <threads.h>

using namespace weft;

// thread_interceptors.cc's, whatever the program names pthread_detach...
WEFT_DECLARE_OWN(pthread_detach)
WEFT_DECLARE_OWN(pthread_exit)
WEFT_DECLARE_OWN(sched_yield)

namespace {

int thrdResult(int Err) {
  switch (Err) {
  case 0:
    return thrd_success;
  case EBUSY:
    return thrd_busy;
  case ETIMEDOUT:
    return thrd_timedout;
  case ENOMEM:
  case EAGAIN:
    return thrd_nomem;
  default:
    return thrd_error;
  }
}

pthread_mutex_t *asPthread(mtx_t *M) { return reinterpret_cast<pthread_mutex_t *>(M); }

// A C11 start routine returns int; the pthread underneath returns void *.
struct C11Start {
  thrd_start_t Fn;
  void *Arg;
};

void *c11Trampoline(void *P) {
  C11Start Start = *static_cast<C11Start *>(P);
  internalFree(P);
  return reinterpret_cast<void *>(intptr_t(Start.Fn(Start.Arg)));
}

} // namespace

WEFT_DECLARE_REAL(int, thrd_create, thrd_t *, thrd_start_t, void *)
WEFT_DECLARE_REAL(int, thrd_join, thrd_t, int *)
WEFT_DECLARE_REAL(int, thrd_sleep, const struct timespec *, struct timespec *)
WEFT_DECLARE_REAL(int, mtx_init, mtx_t *, int)
WEFT_DECLARE_REAL(int, mtx_lock, mtx_t *)
WEFT_DECLARE_REAL(int, mtx_trylock, mtx_t *)
WEFT_DECLARE_REAL(int, mtx_timedlock, mtx_t *, const struct timespec *)
WEFT_DECLARE_REAL(int, mtx_unlock, mtx_t *)
WEFT_DECLARE_REAL(int, cnd_init, cnd_t *)
WEFT_DECLARE_REAL(int, cnd_signal, cnd_t *)
WEFT_DECLARE_REAL(int, cnd_broadcast, cnd_t *)
WEFT_DECLARE_REAL(int, cnd_wait, cnd_t *, mtx_t *)
WEFT_DECLARE_REAL(int, cnd_timedwait, cnd_t *, mtx_t *, const struct timespec *)
WEFT_DECLARE_REAL(void, call_once, once_flag *, void (*)())

// Threads ------------------------------------------------------------------

WEFT_INTERCEPTOR int thrd_create(thrd_t *Th, thrd_start_t Fn, void *Arg) {
  initialize();
  ThreadState *Parent = CurThread;
  if (!Parent) {
    WEFT_ENSURE_REAL(thrd_create);
    return WEFT_REAL(thrd_create)(Th, Fn, Arg);
  }
  auto *Start = static_cast<C11Start *>(internalAlloc(sizeof(C11Start)));
  Start->Fn = Fn;
  Start->Arg = Arg;
  pthread_t P;
  int R = createThread(Parent, &P, nullptr, c11Trampoline, Start, WEFT_CALLER_PC);
  if (R != 0) {
    internalFree(Start);
    return thrdResult(R);
  }
  *Th = P;
  return thrd_success;
}

WEFT_INTERCEPTOR int thrd_join(thrd_t Th, int *Res) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(thrd_join);
    return WEFT_REAL(thrd_join)(Th, Res);
  }
  void *Ret = nullptr;
  int R = joinThread(Thr, Th, &Ret, WEFT_CALLER_PC);
  if (R != 0)
    return thrd_error;
  if (Res)
    *Res = int(intptr_t(Ret));
  return thrd_success;
}

WEFT_INTERCEPTOR int thrd_detach(thrd_t Th) {
  return WEFT_OWN(pthread_detach)(Th) == 0 ? thrd_success : thrd_error;
}

WEFT_INTERCEPTOR void thrd_exit(int Res) {
  WEFT_OWN(pthread_exit)(reinterpret_cast<void *>(intptr_t(Res)));
}

WEFT_INTERCEPTOR void thrd_yield() { WEFT_OWN(sched_yield)(); }

WEFT_INTERCEPTOR thrd_t thrd_current() { return pthread_self(); }

WEFT_INTERCEPTOR int thrd_equal(thrd_t A, thrd_t B) { return A == B; }

WEFT_INTERCEPTOR int thrd_sleep(const struct timespec *Dur, struct timespec *Rem) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(thrd_sleep);
    return WEFT_REAL(thrd_sleep)(Dur, Rem);
  }
  if (!Dur || Dur->tv_sec < 0 || Dur->tv_nsec < 0 || Dur->tv_nsec >= 1000000000L)
    return -2;
  uint64_t Left = virtualSleep(Thr, uint64_t(Dur->tv_sec) * 1000000000ull + uint64_t(Dur->tv_nsec),
                               WEFT_CALLER_PC);
  if (!Left)
    return 0;
  // C11: -1 when a signal interrupted it, with what is left in *Rem.
  if (Rem)
    *Rem = {time_t(Left / 1000000000ull), long(Left % 1000000000ull)};
  return -1;
}

// Mutexes ------------------------------------------------------------------

WEFT_INTERCEPTOR int mtx_init(mtx_t *M, int Type) {
  WEFT_ENSURE_REAL(mtx_init);
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(M), true, WEFT_CALLER_PC);
  int R = WEFT_REAL(mtx_init)(M, Type); // records the type where glibc keeps it
  if (R == thrd_success && CurThread)
    forgetSync(uintptr_t(M));
  return R;
}

WEFT_INTERCEPTOR int mtx_lock(mtx_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(mtx_lock);
    return WEFT_REAL(mtx_lock)(M);
  }
  return thrdResult(mutexLock(Thr, mutexVar(asPthread(M)), uintptr_t(M), false,
                              kNoDeadline, WEFT_CALLER_PC));
}

WEFT_INTERCEPTOR int mtx_trylock(mtx_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(mtx_trylock);
    return WEFT_REAL(mtx_trylock)(M);
  }
  return thrdResult(mutexLock(Thr, mutexVar(asPthread(M)), uintptr_t(M), true,
                              kNoDeadline, WEFT_CALLER_PC));
}

WEFT_INTERCEPTOR int mtx_timedlock(mtx_t *M, const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(mtx_timedlock);
    return WEFT_REAL(mtx_timedlock)(M, Abs);
  }
  return thrdResult(mutexTimedLock(Thr, asPthread(M), CLOCK_REALTIME, Abs, WEFT_CALLER_PC));
}

WEFT_INTERCEPTOR int mtx_unlock(mtx_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(mtx_unlock);
    return WEFT_REAL(mtx_unlock)(M);
  }
  return thrdResult(mutexUnlock(Thr, mutexVar(asPthread(M)), uintptr_t(M), WEFT_CALLER_PC));
}

WEFT_INTERCEPTOR void mtx_destroy(mtx_t *M) {
  if (CurThread)
    mutexDestroy(uintptr_t(M), WEFT_CALLER_PC);
}

// Condition variables --------------------------------------------------------

WEFT_INTERCEPTOR int cnd_init(cnd_t *C) {
  WEFT_ENSURE_REAL(cnd_init);
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(C), true, WEFT_CALLER_PC);
  int R = WEFT_REAL(cnd_init)(C);
  if (R == thrd_success && CurThread)
    forgetSync(uintptr_t(C));
  return R;
}

WEFT_INTERCEPTOR int cnd_signal(cnd_t *C) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(cnd_signal);
    return WEFT_REAL(cnd_signal)(C);
  }
  condWake(Thr, uintptr_t(C), /*All=*/false, WEFT_CALLER_PC);
  return thrd_success;
}

WEFT_INTERCEPTOR int cnd_broadcast(cnd_t *C) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(cnd_broadcast);
    return WEFT_REAL(cnd_broadcast)(C);
  }
  condWake(Thr, uintptr_t(C), /*All=*/true, WEFT_CALLER_PC);
  return thrd_success;
}

WEFT_INTERCEPTOR int cnd_wait(cnd_t *C, mtx_t *M) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(cnd_wait);
    return WEFT_REAL(cnd_wait)(C, M);
  }
  return thrdResult(condWait(Thr, uintptr_t(C), asPthread(M), kNoDeadline, WEFT_CALLER_PC));
}

WEFT_INTERCEPTOR int cnd_timedwait(cnd_t *C, mtx_t *M, const struct timespec *Abs) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(cnd_timedwait);
    return WEFT_REAL(cnd_timedwait)(C, M, Abs);
  }
  uint64_t Deadline; // as glibc's: a malformed timeout fails before the mutex is released
  if (!waitDeadline(CLOCK_REALTIME, Abs, &Deadline))
    return thrd_error;
  return thrdResult(condWait(Thr, uintptr_t(C), asPthread(M), Deadline, WEFT_CALLER_PC));
}

WEFT_INTERCEPTOR void cnd_destroy(cnd_t *C) {
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(C)))
      if (S->m().CondWaiters.empty())
        forgetSync(uintptr_t(C));
}

// Once ---------------------------------------------------------------------

WEFT_INTERCEPTOR void call_once(once_flag *Flag, void (*Fn)()) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(call_once);
    WEFT_REAL(call_once)(Flag, Fn);
    return;
  }
  onceRun(Thr, reinterpret_cast<volatile int *>(Flag), Fn, WEFT_CALLER_PC);
}
