//===- signal_interceptors.cc - pthread_kill between scheduled threads ----===//
//
// A signal handler is program code: it must run on a thread that holds the
// baton, or it would run beside the scheduled thread, unordered and
// unchecked. The kernel would run it at once on the target's OS thread,
// which is parked in the scheduler. So pthread_kill from one scheduled
// thread to another records the signal on the target, and the target runs
// the handler at its next scheduling point (syncPoint/accessPoint), by
// sending the signal to itself. A signal to oneself (raise, pthread_kill
// of pthread_self) needs nothing: the handler runs on the baton holder.
// What this does not cover is in docs/limits.md.
//
//===----------------------------------------------------------------------===//

#include "interceptor.h"
#include "rtl.h"

#include <cerrno>
#include <csignal>

using namespace weft;

WEFT_DECLARE_REAL(int, pthread_kill, pthread_t, int)

namespace weft {

void deliverPendingSignals(ThreadState *Thr) {
  WEFT_ENSURE_REAL(pthread_kill);
  while (Thr->PendingSignals) {
    int Sig = __builtin_ctzll(Thr->PendingSignals) + 1;
    Thr->PendingSignals &= ~(uint64_t(1) << (Sig - 1));
    WEFT_REAL(pthread_kill)(pthread_self(), Sig);
  }
}

} // namespace weft

WEFT_INTERCEPTOR int pthread_kill(pthread_t Th, int Sig) {
  WEFT_ENSURE_REAL(pthread_kill);
  ThreadState *Thr = CurThread;
  if (!Thr || Sig <= 0 || Sig > 64 || pthread_equal(Th, pthread_self()))
    return WEFT_REAL(pthread_kill)(Th, Sig);
  ThreadState **Target = Rt.ByHandle.find(uintptr_t(Th));
  if (!Target || (*Target)->Finished)
    return WEFT_REAL(pthread_kill)(Th, Sig);
  // Sending is ordered before the handler, as with any message.
  (*Target)->PendingSignals |= uint64_t(1) << (Sig - 1);
  (*Target)->Clock.join(Thr->Clock);
  releaseTick(Thr);
  syncPoint(Thr);
  return 0;
}
