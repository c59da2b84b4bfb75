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
// vfork is a fork here, as under TSan: a vfork child runs in its parent's
// memory until it execs or exits, weft's state included, so its intercepted
// calls would change the parent's runtime (a close would drop the parent's
// descriptor channel, a scheduling point would step the parent's schedule).
// A vfork child may only exec or _exit, which a forked child does as well.
//
//===----------------------------------------------------------------------===//

#include "interceptors/blocking_call.h"
#include "interceptors/interceptor.h"
#include "interceptors/process_timers.h"
#include "core/rtl.h"
#include "report/symbolizer.h"

#include <unistd.h>

using namespace weft;

WEFT_DECLARE_REAL(pid_t, fork)

namespace {

void afterForkInChild(ThreadState *Thr) {
  // Everything every other thread did so far happens before the child's
  // survivor: its clock takes every slot's latest epoch.
  for (uint32_t I = 0; I < Rt.Slots.size(); ++I) {
    Sid S = static_cast<Sid>(I);
    ThreadId Owner = Rt.Slots.currentOwner(S);
    Epoch Last = Owner == ThreadId::Invalid ? Rt.Slots.finalEpoch(S) : threadById(Owner)->CurEpoch;
    if (Thr->Clock.get(S) < Last)
      Thr->Clock.set(S, Last);
  }
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (T == Thr || !T)
      continue;
    T->Finished = true;
    // Gone with the fork, not leaked: the child cannot join them, and the
    // parent still owns (and reports) them.
    T->Detached = true;
  }
  Rt.Sched.resetAfterFork(&Thr->Green);
  forgetFdWaitersAfterFork();
  process_timers::resetAfterFork();
  Thr->OsTid = int(rawGettid());
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
  // The child's one OS thread is a copy of the caller's: make that the
  // thread's own (thread_switch=user), whose tid, robust list and rseq
  // area the kernel gives the child.
  Rt.Sched.goHome();
  pid_t Pid = WEFT_REAL(fork)();
  if (Pid == 0)
    afterForkInChild(Thr);
  return Pid;
}

WEFT_DEFINE_OWN(fork)

WEFT_INTERCEPTOR pid_t vfork() { return WEFT_OWN(fork)(); }
