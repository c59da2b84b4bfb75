//===- signal_delivery.cc - Which thread runs a signal's handler, and when ===//
//
// The kernel would run a handler at once on its target's OS thread, which
// is parked in the scheduler while another thread holds the baton. weft
// instead keeps the signal pending on the target (PendingSignals) and the
// target raises it at itself, for real, when it next holds the baton: then
// the kernel runs the handler on the right thread, with the right mask,
// sa_flags and alternate stack. A target blocked in a modelled wait is
// interrupted so that "next" is now, as the kernel would interrupt its
// futex or sleep.
//
//===----------------------------------------------------------------------===//

#include "interceptors/signal_delivery.h"
#include "interceptors/signal_handlers.h"
#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "user_switch.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {
namespace {

constexpr long kKernelSigsetBytes = 8;
inline uint64_t bit(int Sig) { return uint64_t(1) << (Sig - 1); }

/// The siginfo each routed signal carries, by signal: standard signals do
/// not queue (a second one while one is pending is lost, as in the kernel),
/// and a realtime one routed twice before delivery carries the last info.
RoutedInfo Infos[64];

bool defaultIgnores(int Sig) {
  return Sig == SIGCHLD || Sig == SIGURG || Sig == SIGWINCH || Sig == SIGCONT;
}

/// The "SigBlk:" mask of OS thread \p Tid, from /proc; 0 if unreadable.
uint64_t procMask(int Tid) {
  char Path[64];
  procPath(Path, "/proc/self/task/", unsigned(Tid), "/status");
  uint64_t Mask;
  return readProcHex(Path, "SigBlk:", &Mask) ? Mask : 0;
}

uint64_t threadMask(ThreadState *T) {
  if (T->InSuspend)
    return T->SuspendMask;
  // A thread that floats between OS threads (thread_switch=user) has the
  // mask they all share; one that set its own is pinned to its own.
  if (Rt.Sched.userSwitch() && !T->Green.Pinned)
    return user_switch::floatMask();
  if (T == CurThread) {
    uint64_t Old = 0;
    rawSyscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, long(&Old), kKernelSigsetBytes);
    return Old;
  }
  return T->OsTid ? procMask(T->OsTid) : 0;
}

/// The first scheduled thread, by id, blocked in sigwait (or a signalfd
/// read) for \p Sig.
ThreadState *sigwaitWaiterFor(int Sig) {
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (T && T->Green.Status == ThreadStatus::Blocked &&
        T->Green.Wait.Kind == WaitKind::Signal && (T->SigWaitSet & bit(Sig)))
      return T;
  }
  return nullptr;
}

void raiseAtSelf(int Sig, const RoutedInfo *Info) {
  long Pid = rawGetpid(), Tid = rawGettid();
  if (!Info) {
    rawSyscall(SYS_tgkill, Pid, Tid, Sig);
    return;
  }
  siginfo_t Si;
  internalMemset(&Si, 0, sizeof(Si));
  Si.si_signo = Sig;
  Si.si_code = Info->Code;
  if (Info->Code == SI_TIMER) {
    Si.si_timerid = Info->TimerId;
    Si.si_overrun = Info->Overrun;
    Si.si_value = Info->Value;
  } else if (Info->Code == SI_USER) {
    Si.si_pid = pid_t(Pid);
    Si.si_uid = uid_t(rawSyscall(SYS_getuid));
  }
  // Thread-directed, so the kernel cannot pick another thread; the
  // siginfo is what the process-wide send would have carried.
  rawSyscall(SYS_rt_tgsigqueueinfo, Pid, Tid, Sig, long(&Si));
}

} // namespace

SignalEffect signalEffect(int Sig) {
  struct sigaction Cur;
  if (realSigaction(Sig, nullptr, &Cur) != 0)
    return SignalEffect::Ignored;
  if (Cur.sa_handler == SIG_IGN)
    return SignalEffect::Ignored;
  if (Cur.sa_handler == SIG_DFL)
    return defaultIgnores(Sig) ? SignalEffect::Ignored : SignalEffect::Default;
  return SignalEffect::Handler;
}

bool blocksSignal(ThreadState *T, int Sig) {
  return Sig != SIGKILL && Sig != SIGSTOP && (threadMask(T) & bit(Sig));
}

void deliverPendingSignals(ThreadState *Thr) {
  // Raised at its own OS thread: be there (thread_switch=user).
  Rt.Sched.goHome();
  bool Restart = true;
  while (Thr->PendingSignals) {
    int Sig = __builtin_ctzll(Thr->PendingSignals) + 1;
    struct sigaction Cur;
    if (realSigaction(Sig, nullptr, &Cur) == 0 && !(Cur.sa_flags & SA_RESTART))
      Restart = false;
    Thr->PendingSignals &= ~bit(Sig);
    bool WithInfo = Thr->PendingInfo & bit(Sig);
    Thr->PendingInfo &= ~bit(Sig);
    raiseAtSelf(Sig, WithInfo ? &Infos[Sig - 1] : nullptr);
  }
  Thr->RestartAfterHandler = Restart;
}

void sendToThread(ThreadState *T, int Sig, const RoutedInfo *Info, const VectorClock *Release) {
  if (Release)
    T->Clock.join(*Release);
  T->PendingSignals |= bit(Sig);
  if (Info) {
    Infos[Sig - 1] = *Info;
    T->PendingInfo |= bit(Sig);
  } else {
    T->PendingInfo &= ~bit(Sig);
  }
  if (T->Green.Status != ThreadStatus::Blocked)
    return;
  if (T->Green.Wait.Kind == WaitKind::Signal && (T->SigWaitSet & bit(Sig))) {
    Rt.Sched.wake(&T->Green); // a sigwait takes it: no handler runs
    return;
  }
  // The kernel interrupts a wait only for a signal it delivers now: not
  // one that is ignored, nor one the thread blocks (it stays pending).
  if (signalEffect(Sig) == SignalEffect::Ignored || blocksSignal(T, Sig))
    return;
  Rt.Sched.interruptWait(&T->Green, Interrupt::Signal);
}

ThreadState *processSignalTarget(int Sig) {
  // The main thread is id 0, so "main first" is "lowest id first".
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    if (!T || T->Finished || T->Green.Status == ThreadStatus::Finished)
      continue;
    if (!blocksSignal(T, Sig))
      return T;
  }
  return nullptr;
}

bool routeProcessSignal(ThreadState *Current, int Sig, const RoutedInfo &Info,
                        const VectorClock *Release) {
  if (ThreadState *W = sigwaitWaiterFor(Sig)) {
    // The kernel, too, gives a process signal to a thread waiting for it.
    if (Release)
      W->Clock.join(*Release);
    W->RoutedSignals |= bit(Sig);
    Rt.Sched.wake(&W->Green);
    return true;
  }
  if (signalEffect(Sig) != SignalEffect::Handler)
    return false;
  ThreadState *T = processSignalTarget(Sig);
  if (!T)
    return false;
  if (T != Current) {
    sendToThread(T, Sig, &Info, Release);
    return true;
  }
  if (Release)
    T->Clock.join(*Release);
  Infos[Sig - 1] = Info;
  T->PendingSignals |= bit(Sig);
  T->PendingInfo |= bit(Sig);
  deliverPendingSignals(T);
  return true;
}

void onWaitInterruptedBySignal(ThreadState *Thr) {
  if (!Thr->InSuspend && Thr->PendingSignals)
    deliverPendingSignals(Thr);
}


void procPath(char *Out, const char *Prefix, unsigned N, const char *Suffix) {
  size_t L = internalStrlen(Prefix);
  internalMemcpy(Out, Prefix, L);
  char Digits[16];
  size_t D = 0;
  for (unsigned V = N; D == 0 || V; V /= 10)
    Digits[D++] = char('0' + V % 10);
  while (D)
    Out[L++] = Digits[--D];
  size_t S = internalStrlen(Suffix);
  internalMemcpy(Out + L, Suffix, S + 1);
}

bool readProcHex(const char *Path, const char *Key, uint64_t *Out) {
  long F = rawSyscall(SYS_openat, AT_FDCWD, long(Path), O_RDONLY | O_CLOEXEC);
  if (F < 0)
    return false;
  char Buf[2048];
  long R = rawSyscall(SYS_read, F, long(Buf), sizeof(Buf) - 1);
  rawSyscall(SYS_close, F);
  if (R <= 0)
    return false;
  Buf[R] = 0;
  size_t KeyLen = internalStrlen(Key);
  const char *P = Buf;
  while (*P && internalStrncmp(P, Key, KeyLen))
    if (const char *Nl = internalStrchr(P, '\n'))
      P = Nl + 1;
    else
      return false;
  if (!*P)
    return false;
  P += KeyLen;
  while (*P == ' ' || *P == '\t')
    ++P;
  uint64_t V = 0;
  for (;; ++P) {
    int D = *P >= '0' && *P <= '9' ? *P - '0' : *P >= 'a' && *P <= 'f' ? *P - 'a' + 10 : -1;
    if (D < 0)
      break;
    V = V << 4 | uint64_t(D);
  }
  *Out = V;
  return true;
}

} // namespace weft
