//===- spinlock_interceptors.cc - pthread spinlocks, modelled as mutexes --===//
//
// A real spinlock busy-waits; under weft a spinning thread would hold the
// baton forever while the owner can never run to release it. So a spinlock
// is a normal mutex of the scheduler's model: a thread that finds it taken
// blocks in the scheduler (deadlock reports say "to lock spinlock"), and
// unlock -> lock is a happens-before edge, exactly as for a mutex.
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>

using namespace weft;

static SyncVar *spinVar(pthread_spinlock_t *L) {
  SyncVar *S = syncFor(uintptr_t(L));
  if (!S->m().MutexKindKnown) {
    S->m().Mutex.setKind(MutexKind::Normal);
    S->m().MutexKindKnown = true;
  }
  return S;
}

WEFT_DECLARE_REAL(int, pthread_spin_lock, pthread_spinlock_t *)
WEFT_DECLARE_REAL(int, pthread_spin_trylock, pthread_spinlock_t *)
WEFT_DECLARE_REAL(int, pthread_spin_unlock, pthread_spinlock_t *)

WEFT_INTERCEPTOR int pthread_spin_init(pthread_spinlock_t *L, int) {
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(L), true, WEFT_CALLER_PC);
  *reinterpret_cast<volatile int *>(L) = 0;
  if (CurThread)
    forgetSync(uintptr_t(L));
  return 0;
}

WEFT_INTERCEPTOR int pthread_spin_destroy(pthread_spinlock_t *L) {
  if (CurThread)
    return mutexDestroy(uintptr_t(L), WEFT_CALLER_PC);
  return 0;
}

WEFT_INTERCEPTOR int pthread_spin_lock(pthread_spinlock_t *L) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_spin_lock);
    return WEFT_REAL(pthread_spin_lock)(L);
  }
  return mutexLock(Thr, spinVar(L), uintptr_t(L), false, kNoDeadline, WEFT_CALLER_PC,
                   WaitKind::SpinLock);
}

WEFT_INTERCEPTOR int pthread_spin_trylock(pthread_spinlock_t *L) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_spin_trylock);
    return WEFT_REAL(pthread_spin_trylock)(L);
  }
  return mutexLock(Thr, spinVar(L), uintptr_t(L), true, kNoDeadline, WEFT_CALLER_PC,
                   WaitKind::SpinLock);
}

WEFT_INTERCEPTOR int pthread_spin_unlock(pthread_spinlock_t *L) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_spin_unlock);
    return WEFT_REAL(pthread_spin_unlock)(L);
  }
  return mutexUnlock(Thr, spinVar(L), uintptr_t(L), WEFT_CALLER_PC);
}
