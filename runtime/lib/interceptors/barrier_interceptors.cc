//===- barrier_interceptors.cc - pthread barriers -------------------------===//
//
// Arrivals block in the scheduler (barrier_model.h) until the round is
// complete. Happens-before: every arrival of a round happens before every
// departure from it. Each arrival releases its clock into the barrier; the
// thread that completes the round hands the joined clock to every member of
// the round directly (they are blocked, so their clocks are not in use),
// then the barrier's clock starts empty for the next round: a later round's
// arrivals never leak into an earlier round's departures.
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>

using namespace weft;

WEFT_DECLARE_REAL(int, pthread_barrier_init, pthread_barrier_t *,
                  const pthread_barrierattr_t *, unsigned)
WEFT_DECLARE_REAL(int, pthread_barrier_wait, pthread_barrier_t *)
WEFT_DECLARE_REAL(int, pthread_barrier_destroy, pthread_barrier_t *)

WEFT_INTERCEPTOR int pthread_barrier_init(pthread_barrier_t *B,
                                          const pthread_barrierattr_t *Attr,
                                          unsigned Count) {
  WEFT_ENSURE_REAL(pthread_barrier_init);
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(B), true, WEFT_CALLER_PC);
  int R = WEFT_REAL(pthread_barrier_init)(B, Attr, Count);
  if (R != 0 || !CurThread)
    return R;
  forgetSync(uintptr_t(B));
  SyncVar *S = syncFor(uintptr_t(B));
  S->m().Barrier = internalNew<BarrierModel>(Count);
  return 0;
}

WEFT_INTERCEPTOR int pthread_barrier_destroy(pthread_barrier_t *B) {
  WEFT_ENSURE_REAL(pthread_barrier_destroy);
  if (ThreadState *Thr = CurThread)
    syncObjectAccess(Thr, uintptr_t(B), true, WEFT_CALLER_PC);
  if (CurThread)
    if (SyncVar *S = syncFind(uintptr_t(B))) {
      if (S->m().Barrier && S->m().Barrier->waiting())
        return EBUSY;
      forgetSync(uintptr_t(B));
    }
  return WEFT_REAL(pthread_barrier_destroy)(B);
}

WEFT_INTERCEPTOR int pthread_barrier_wait(pthread_barrier_t *B) {
  ThreadState *Thr = CurThread;
  if (!Thr) {
    WEFT_ENSURE_REAL(pthread_barrier_wait);
    return WEFT_REAL(pthread_barrier_wait)(B);
  }
  // Checked first: a wait racing the barrier's destruction is reported
  // even when the destruction won.
  syncObjectAccess(Thr, uintptr_t(B), false, WEFT_CALLER_PC);
  SyncVar *S = syncFind(uintptr_t(B));
  if (!S || !S->m().Barrier)
    return EINVAL; // never initialized (or destroyed)
  syncPoint(Thr, uintptr_t(B), "barrier_wait");
  if (!Thr->IgnoreSync) {
    S->Clock.join(Thr->Clock);
    releaseTick(Thr);
  }
  Thr->BlockedStack = stack_trie::child(currentStack(Thr), WEFT_CALLER_PC);
  BarrierArrival A = S->m().Barrier->arrive(Rt.Sched, uintptr_t(B));
  if (A.Completed) {
    for (ThreadId T : S->m().Barrier->round())
      if (ThreadState *W = threadById(T); !W->IgnoreSync)
        W->Clock.join(S->Clock);
    S->Clock.reset();
    syncPoint(Thr, uintptr_t(B), "barrier_wait");
  }
  return A.Serial ? PTHREAD_BARRIER_SERIAL_THREAD : 0;
}
