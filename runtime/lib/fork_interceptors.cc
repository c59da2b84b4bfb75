//===- fork_interceptors.cc - fork() in a multi-threaded program ----------===//
//
// In the child of fork() only the calling thread exists. It keeps its thread
// id (reports in the child name threads as the parent did, and vector clocks
// stay indexed the same way); every other thread is finished for the
// scheduler, which restarts with this one thread holding a fresh baton.
// Shadow memory is kept: the child is a snapshot, so everything any parent
// thread did before the fork happens before the child's accesses (the
// child's clock acquires every thread's current epoch). The parent goes on
// unchanged. fork is a scheduling point before the call.
//
//===----------------------------------------------------------------------===//

#include "interceptor.h"
#include "rtl.h"
#include "symbolizer.h"

#include <unistd.h>

using namespace weft;

WEFT_DECLARE_REAL(pid_t, fork)

namespace {

void afterForkInChild(ThreadState *Thr) {
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadId U = static_cast<ThreadId>(I);
    ThreadState *T = threadById(U);
    if (T == Thr)
      continue;
    if (Thr->Clock.get(U) < T->CurEpoch)
      Thr->Clock.set(U, T->CurEpoch);
    T->Finished = true;
    // Gone with the fork, not leaked: the child cannot join them, and the
    // parent still owns (and reports) them.
    T->Detached = true;
  }
  Rt.Sched.resetAfterFork(&Thr->Green);
  // The parent's warnings were the parent's: the child counts its own.
  Rt.ReportCount = 0;
  Rt.Pid = rawGetpid();
  forgetSymbolizerAfterFork();
}

} // namespace

WEFT_INTERCEPTOR pid_t fork() {
  WEFT_ENSURE_REAL(fork);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(fork)();
  syncPoint(Thr);
  pid_t Pid = WEFT_REAL(fork)();
  if (Pid == 0)
    afterForkInChild(Thr);
  return Pid;
}
