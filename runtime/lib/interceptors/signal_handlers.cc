//===- signal_handlers.cc - The program's signal handlers, run through weft ===//
//
// The trampoline runs on whichever thread the kernel delivered the signal
// to. Only when that thread holds the baton (a raise, a pthread_kill weft
// delivered at the target's scheduling point, a synchronous fault) does it
// touch weft's state: a handler the kernel runs on a parked thread (a
// signal from outside the process) runs unseen (docs/limits.md).
//
//===----------------------------------------------------------------------===//

#include "interceptors/signal_handlers.h"
#include "interceptors/interceptor.h"
#include "report/report.h"
#include "core/rtl.h"

#include <cerrno>

using namespace weft;

WEFT_DECLARE_REAL(int, sigaction, int, const struct sigaction *, struct sigaction *)

namespace weft {
namespace {

constexpr int kMaxSignal = 64;
/// What errno holds while a handler runs: a handler that changes it would
/// have spoiled the interrupted code's errno (TSan uses the same value).
constexpr int kErrnoCanary = 99;

/// The program's handler of each signal (index N for signal N), as it
/// installed it, when weft's trampoline stands in for it.
struct ProgramAction {
  void *Handler; // sa_handler or sa_sigaction, per Flags & SA_SIGINFO
  int Flags;
  bool Wrapped;
};
ProgramAction Actions[kMaxSignal + 1];
/// Released into by every installation of a handler for signal N, acquired
/// when the handler runs.
VectorClock *Installed[kMaxSignal + 1];

/// Signals the kernel sends for what the thread itself just did: their
/// handlers run exactly there, and may do what an asynchronous one may not.
bool isSynchronous(int Sig) {
  return Sig == SIGSEGV || Sig == SIGBUS || Sig == SIGILL || Sig == SIGTRAP || Sig == SIGABRT ||
         Sig == SIGFPE || Sig == SIGPIPE || Sig == SIGSYS;
}

/// The thread a handler runs on, if weft may act for it: it holds the baton.
ThreadState *scheduledHere() {
  ThreadState *Thr = CurThread;
  if (Thr && Rt.Sched.current() == &Thr->Green)
    return Thr;
  return nullptr;
}

void trampoline(int Sig, siginfo_t *Info, void *Context) {
  ProgramAction A = Actions[Sig];
  if (A.Flags & SA_RESETHAND)
    Actions[Sig] = ProgramAction{reinterpret_cast<void *>(SIG_DFL), 0, false};
  ThreadState *Thr = scheduledHere();
  bool Async = !isSynchronous(Sig);
  int Saved = errno;
  if (Thr) {
    if (VectorClock *C = Installed[Sig]; C && !Thr->IgnoreSync)
      Thr->Clock.join(*C);
    if (Async) {
      ++Thr->InAsyncSignalHandler;
      errno = kErrnoCanary;
    }
  }
  if (A.Flags & SA_SIGINFO)
    reinterpret_cast<void (*)(int, siginfo_t *, void *)>(A.Handler)(Sig, Info, Context);
  else
    reinterpret_cast<void (*)(int)>(A.Handler)(Sig);
  if (Thr && Async) {
    --Thr->InAsyncSignalHandler;
    // SIGTERM's handler usually ends the program: errno is moot (TSan too).
    if (errno != kErrnoCanary && Sig != SIGTERM)
      reportErrnoSpoiled(Thr, Sig, reinterpret_cast<uintptr_t>(A.Handler) + 1);
  }
  errno = Saved;
}

bool isHandler(void (*H)(int)) { return H != SIG_DFL && H != SIG_IGN; }

} // namespace

int realSigaction(int Sig, const struct sigaction *Act, struct sigaction *Old) {
  WEFT_ENSURE_REAL(sigaction);
  return WEFT_REAL(sigaction)(Sig, Act, Old);
}

} // namespace weft

WEFT_INTERCEPTOR int sigaction(int Sig, const struct sigaction *Act, struct sigaction *Old) {
  if (Sig < 1 || Sig > kMaxSignal)
    return realSigaction(Sig, Act, Old);
  struct sigaction Mine, Prev;
  const struct sigaction *Pass = Act;
  if (Act && isHandler(Act->sa_handler)) {
    Mine = *Act;
    Mine.sa_sigaction = trampoline;
    Mine.sa_flags |= SA_SIGINFO;
    Pass = &Mine;
  }
  int R = realSigaction(Sig, Pass, &Prev);
  if (R != 0)
    return R;
  if (Old) {
    *Old = Prev;
    // The program sees its own handler, not the trampoline.
    const ProgramAction &P = Actions[Sig];
    if (P.Wrapped && Prev.sa_sigaction == trampoline) {
      Old->sa_flags = P.Flags;
      if (P.Flags & SA_SIGINFO)
        Old->sa_sigaction = reinterpret_cast<void (*)(int, siginfo_t *, void *)>(P.Handler);
      else
        Old->sa_handler = reinterpret_cast<void (*)(int)>(P.Handler);
    }
  }
  if (Act) {
    Actions[Sig] = Pass == &Mine ? ProgramAction{reinterpret_cast<void *>(Act->sa_sigaction),
                                                 Act->sa_flags, true}
                                 : ProgramAction{nullptr, 0, false};
    if (ThreadState *Thr = CurThread; Thr && !Thr->IgnoreSync) {
      VectorClock *&C = Installed[Sig];
      if (!C)
        C = internalNew<VectorClock>();
      C->join(Thr->Clock);
      releaseTick(Thr);
    }
  }
  return 0;
}
WEFT_DEFINE_OWN(sigaction)

// signal() as glibc makes it: BSD semantics (the handler stays installed,
// interrupted calls restart, the signal is blocked while its handler runs).
WEFT_INTERCEPTOR sighandler_t signal(int Sig, sighandler_t Handler) {
  struct sigaction Act, Old;
  Act.sa_handler = Handler;
  sigemptyset(&Act.sa_mask);
  if (Sig >= 1 && Sig <= kMaxSignal)
    sigaddset(&Act.sa_mask, Sig);
  Act.sa_flags = SA_RESTART;
  if (WEFT_OWN(sigaction)(Sig, &Act, &Old) != 0)
    return SIG_ERR;
  return Old.sa_handler;
}
