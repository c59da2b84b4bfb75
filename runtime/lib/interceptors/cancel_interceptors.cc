//===- cancel_interceptors.cc - pthread_cancel at modelled waits ----------===//
//
// Owns deferred cancellation of scheduled threads: pthread_cancel,
// pthread_setcancelstate/setcanceltype, pthread_testcancel, and
// cancellationPoint, which the modelled cancellation points (condition
// waits, semaphore waits, join, the sleeps) call on entry and after their
// wait. A thread blocked in one of those waits in weft's scheduler is in no
// kernel call, so glibc's SIGCANCEL cannot reach it there: pthread_cancel
// ends the wait instead (Scheduler::interruptWait, Interrupt::Cancel), the
// wait's model cleans up (the condition wait relocks its mutex, as glibc's
// cleanup does), and the thread acts at a defined step of the schedule.
//
// Acting is glibc's own: the thread marks itself cancelled with the real
// pthread_cancel(pthread_self()) (a self-cancel sends no signal) and calls
// the real pthread_testcancel, whose forced unwind runs the cleanup
// handlers and C++ destructors, scheduled and checked like any program
// code, and ends at threadTrampoline's own cleanup handler, which finishes
// the thread in the scheduler (thread_interceptors.cc). No unwinding is
// reimplemented here.
//
// Happens-before: pthread_cancel -> the target's cleanup (CancelClock); the
// target's end -> join (its final clock, as for any exit).
//
// Must never: send SIGCANCEL to a thread that waits in the scheduler (its
// handler would run on whatever the OS thread carries, or unwind without the
// baton); a thread in a real blocking call gets the real pthread_cancel
// (the kernel call is the cancellation point), and takes the baton back as
// the unwind leaves that call (reenterOnCancel, blocking_call.h).
//
//===----------------------------------------------------------------------===//

#include "interceptors/blocking_call.h"
#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "base/internal_libc.h"

#include <cerrno>
#include <pthread.h>

using namespace weft;

WEFT_DECLARE_REAL(int, pthread_cancel, pthread_t)
WEFT_DECLARE_REAL(int, pthread_setcancelstate, int, int *)
WEFT_DECLARE_REAL(int, pthread_setcanceltype, int, int *)
WEFT_DECLARE_REAL(void, pthread_testcancel)

namespace weft {
namespace {

/// The waits that are cancellation points (POSIX): a cancel ends them.
/// Locks, barriers, once and futexes are not; a condition wait's relock is
/// a Mutex wait, so it is not ended either. Descriptors and TimerFd are
/// poll/select/epoll_wait and timer-descriptor reads waiting in virtual
/// time (waitForDescriptors, blocking_call.h).
bool isCancellationWait(WaitKind K) {
  return K == WaitKind::CondVar || K == WaitKind::Join ||
         K == WaitKind::Sleep || K == WaitKind::Semaphore ||
         K == WaitKind::Descriptors || K == WaitKind::TimerFd;
}

[[noreturn]] void actOnCancel(ThreadState *Thr) {
  WEFT_ENSURE_REAL(pthread_cancel);
  WEFT_ENSURE_REAL(pthread_testcancel);
  Thr->CancelPending = false;
  Thr->Clock.join(Thr->CancelClock);
  Thr->CancelClock.release();
  // glibc ends the unwind on the thread's own OS thread (start_thread
  // exits it): unwind there.
  Rt.Sched.goHome();
  WEFT_REAL(pthread_cancel)(pthread_self());
  WEFT_REAL(pthread_testcancel)();
  rawDie("weft: fatal: pthread_testcancel returned with a cancel pending\n");
}

} // namespace

void reenterOnCancel(void *P) {
  auto *Thr = static_cast<ThreadState *>(P);
  Rt.Sched.reenterAfterSyscall(&Thr->Green);
  Thr->CancelPending = false;
  Thr->Clock.join(Thr->CancelClock);
  Thr->CancelClock.release();
}

void cancellationPoint(ThreadState *Thr) {
  if (WEFT_UNLIKELY(Thr->CancelPending) && !Thr->CancelDisabled)
    actOnCancel(Thr);
}

} // namespace weft

WEFT_INTERCEPTOR int pthread_cancel(pthread_t Th) {
  WEFT_ENSURE_REAL(pthread_cancel);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(pthread_cancel)(Th);
  if (!Rt.ByHandle.find(uintptr_t(Th)))
    return WEFT_REAL(pthread_cancel)(Th);
  syncPoint(Thr, 0, "cancel");
  // Looked up again: the target may have been joined (and freed) meanwhile.
  ThreadState **Found = Rt.ByHandle.find(uintptr_t(Th));
  if (!Found || (*Found)->Finished)
    return 0; // its outcome is decided (glibc: 0 as well)
  ThreadState *T = *Found;
  if (T != Thr) {
    T->CancelClock.join(Thr->Clock);
    releaseTick(Thr);
  }
  T->CancelPending = true;
  if (T == Thr) {
    // Asynchronous: now; deferred: at the next cancellation point.
    if (Thr->CancelAsync)
      cancellationPoint(Thr);
    return 0;
  }
  if (T->Green.Status == ThreadStatus::InSyscall)
    return WEFT_REAL(pthread_cancel)(Th); // a kernel cancellation point
  if (!T->CancelDisabled && T->Green.Status == ThreadStatus::Blocked &&
      isCancellationWait(T->Green.Wait.Kind))
    Rt.Sched.interruptWait(&T->Green, Interrupt::Cancel);
  return 0;
}

// glibc keeps the state and type too (its pthread_testcancel reads them
// when the thread acts), so both are passed on.
WEFT_INTERCEPTOR int pthread_setcancelstate(int State, int *Old) {
  WEFT_ENSURE_REAL(pthread_setcancelstate);
  int R = WEFT_REAL(pthread_setcancelstate)(State, Old);
  ThreadState *Thr = CurThread;
  if (R != 0 || !Thr)
    return R;
  Thr->CancelDisabled = State == PTHREAD_CANCEL_DISABLE;
  // Re-enabled asynchronous cancellation acts on a pending cancel at once.
  if (Thr->CancelAsync)
    cancellationPoint(Thr);
  return 0;
}

WEFT_INTERCEPTOR int pthread_setcanceltype(int Type, int *Old) {
  WEFT_ENSURE_REAL(pthread_setcanceltype);
  int R = WEFT_REAL(pthread_setcanceltype)(Type, Old);
  ThreadState *Thr = CurThread;
  if (R != 0 || !Thr)
    return R;
  Thr->CancelAsync = Type == PTHREAD_CANCEL_ASYNCHRONOUS;
  if (Thr->CancelAsync)
    cancellationPoint(Thr);
  return 0;
}

WEFT_INTERCEPTOR void pthread_testcancel() {
  WEFT_ENSURE_REAL(pthread_testcancel);
  if (ThreadState *Thr = CurThread) {
    syncPoint(Thr, 0, "testcancel");
    cancellationPoint(Thr);
  }
  WEFT_REAL(pthread_testcancel)(); // a cancel glibc knows of (see above)
}
