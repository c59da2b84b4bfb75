//===- signal_interceptors.cc - Signals between scheduled threads ---------===//
//
// A signal handler is program code: it must run on a thread that holds the
// baton, or it would run beside the scheduled thread, unordered and
// unchecked. The kernel would run it at once on the target's OS thread,
// which is parked in the scheduler. So pthread_kill from one scheduled
// thread to another, and kill() of the own process, go through
// signal_delivery.h: the target runs the handler at its next scheduling
// point, at once if it was blocked in a modelled wait (which the signal
// interrupts). A signal to oneself (raise, pthread_kill of pthread_self)
// needs nothing: the handler runs on the baton holder. The waits that only
// a signal ends (sigwait and its family, pause, sigsuspend) block in the
// scheduler. What this does not cover is in docs/limits.md.
//
//===----------------------------------------------------------------------===//

#include "interceptors/blocking_call.h"
#include "interceptors/interceptor.h"
#include "interceptors/signal_delivery.h"
#include "core/rtl.h"
#include "core/sync_ops.h"
#include "base/internal_libc.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>

using namespace weft;

WEFT_DECLARE_REAL(int, pthread_kill, pthread_t, int)
WEFT_DECLARE_REAL(int, kill, pid_t, int)

namespace weft {

namespace {

constexpr long kKernelSigsetBytes = 8; // signals 1..64, bit N-1 for N
inline uint64_t bit(int Sig) { return uint64_t(1) << (Sig - 1); }

// Released into by every send of signal N (index N-1) by a scheduled thread.
VectorClock *SentClock[64];

void releaseSignal(ThreadState *Thr, int Sig) {
  VectorClock *&C = SentClock[Sig - 1];
  if (!C)
    C = internalNew<VectorClock>();
  C->join(Thr->Clock);
  releaseTick(Thr);
}

void acquireSignals(ThreadState *Thr, uint64_t Bits) {
  for (; Bits; Bits &= Bits - 1)
    if (VectorClock *C = SentClock[__builtin_ctzll(Bits)])
      Thr->Clock.join(*C);
}

/// The signals of \p Set, in the kernel's layout (glibc's sigset_t starts
/// with it).
uint64_t kernelBits(const sigset_t *Set) {
  uint64_t Bits;
  internalMemcpy(&Bits, Set, sizeof(Bits));
  return Bits;
}

/// While alive, the signals of \p Bits are blocked on this thread: a
/// signal raised for real then waits in the kernel's queue for the wait to
/// take it, instead of running its handler (as during a real sigwait).
class BlockedScope {
public:
  explicit BlockedScope(uint64_t Bits) {
    // The mask is the OS thread's: this thread stays on its own from now
    // on (thread_switch=user).
    if (CurThread)
      Rt.Sched.pinCurrent(/*ForMask=*/false);
    rawSyscall(SYS_rt_sigprocmask, SIG_BLOCK, long(&Bits), long(&Old), kKernelSigsetBytes);
  }
  ~BlockedScope() {
    rawSyscall(SYS_rt_sigprocmask, SIG_SETMASK, long(&Old), 0, kKernelSigsetBytes);
  }
  BlockedScope(const BlockedScope &) = delete;
  BlockedScope &operator=(const BlockedScope &) = delete;

private:
  uint64_t Old = 0;
};

/// Raises for real, on this thread or the process, the signals of \p Bits
/// other threads sent to it while it waited in the scheduler. Call with
/// them blocked.
void raiseSentSignals(ThreadState *Thr, uint64_t Bits) {
  uint64_t Own = Thr->PendingSignals & Bits, Routed = Thr->RoutedSignals & Bits;
  Thr->PendingSignals &= ~Own;
  Thr->RoutedSignals &= ~Routed;
  long Pid = rawGetpid(), Tid = rawGettid();
  for (; Own; Own &= Own - 1)
    rawSyscall(SYS_tgkill, Pid, Tid, __builtin_ctzll(Own) + 1);
  for (; Routed; Routed &= Routed - 1)
    rawSyscall(SYS_kill, Pid, __builtin_ctzll(Routed) + 1);
}

/// A signal of \p Set pending for this thread or the process, taken from
/// the kernel's queue without waiting; 0 if there is none.
int takeSignal(ThreadState *Thr, const sigset_t *Set, siginfo_t *Info) {
  uint64_t Bits = kernelBits(Set);
  int Saved = errno;
  BlockedScope Blocked(Bits);
  raiseSentSignals(Thr, Bits);
  struct timespec Zero = {0, 0};
  long Sig = rawSyscall(SYS_rt_sigtimedwait, long(Set), long(Info), long(&Zero),
                        kKernelSigsetBytes);
  errno = Saved;
  return Sig > 0 ? int(Sig) : 0;
}

/// Blocks in the scheduler until a scheduled thread sends one of \p Bits,
/// the deadline passes (returns false) or nothing else can run (returns
/// true with Thr->SigWaitOutside set: wait in the kernel).
bool blockForSignal(ThreadState *Thr, uint64_t Bits, uint64_t Deadline, bool Timed,
                    uintptr_t Pc) {
  Thr->SigWaitSet = Bits;
  Thr->BlockedStack = Pc ? stack_trie::child(currentStack(Thr), Pc) : currentStack(Thr);
  WaitInfo W{WaitKind::Signal, uintptr_t(Bits)};
  bool Woken = true;
  if (Timed)
    Woken = Rt.Sched.blockUntil(W, Deadline);
  else
    Rt.Sched.block(W);
  Thr->SigWaitSet = 0;
  return Woken;
}

/// sigtimedwait's semantics for a scheduled thread (\p Timeout null: no
/// timeout): the signal, or -1 with errno (EAGAIN, EINTR).
long waitForSignal(ThreadState *Thr, const sigset_t *Set, siginfo_t *Info,
                   const struct timespec *Timeout, uintptr_t Pc) {
  if (Timeout && (Timeout->tv_nsec < 0 || Timeout->tv_nsec >= 1000000000L)) {
    errno = EINVAL;
    return -1;
  }
  syncPoint(Thr);
  uint64_t Bits = kernelBits(Set);
  uint64_t Deadline = virtualDeadlineAfter(Timeout);
  for (;;) {
    if (int Sig = takeSignal(Thr, Set, Info)) {
      acquireSignals(Thr, bit(Sig));
      return Sig;
    }
    if (Timeout && Rt.Sched.now() >= Deadline) {
      errno = EAGAIN;
      return -1;
    }
    blockForSignal(Thr, Bits, Deadline, Timeout != nullptr, Pc);
    if (Thr->Green.Interrupted == Interrupt::Signal) {
      // A handled signal outside the set ended the wait; its handler ran.
      errno = EINTR;
      return -1;
    }
    if (Thr->SigWaitOutside) {
      Thr->SigWaitOutside = false;
      // Nothing in the process can send it: wait for one from outside.
      Thr->KernelSigWait = Bits;
      long R = callMaybeBlocking(Thr, true, "sigwait", -1, [&] {
        return rawSyscall(SYS_rt_sigtimedwait, long(Set), long(Info), 0, kKernelSigsetBytes);
      });
      Thr->KernelSigWait = 0;
      if (R > 0)
        acquireSignals(Thr, bit(int(R)));
      return R;
    }
  }
}

/// Whether \p Fd is a signalfd; its signals in \p Bits.
bool signalFdBits(int Fd, uint64_t *Bits) {
  char Path[64], Link[64];
  procPath(Path, "/proc/self/fd/", unsigned(Fd), "");
  long K = rawSyscall(SYS_readlink, long(Path), long(Link), sizeof(Link) - 1);
  static const char kSignalFd[] = "anon_inode:[signalfd]";
  if (K != long(sizeof(kSignalFd) - 1) || internalStrncmp(Link, kSignalFd, size_t(K)))
    return false;
  // Its mask: the "sigmask:" line of /proc/self/fdinfo/<fd>, in hex.
  procPath(Path, "/proc/self/fdinfo/", unsigned(Fd), "");
  return readProcHex(Path, "sigmask:", Bits);
}

} // namespace

ThreadState *signalWaiterForOutside() {
  for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
    ThreadState *T = threadById(static_cast<ThreadId>(I));
    // pause and sigsuspend are no candidates: a program whose every thread
    // waits there with no timer armed would hang natively (a deadlock).
    if (T && T->Green.Status == ThreadStatus::Blocked && T->Green.Wait.Kind == WaitKind::Signal &&
        !T->InPause) {
      T->SigWaitOutside = true;
      return T;
    }
  }
  return nullptr;
}

bool waitForSignalFd(ThreadState *Thr, int Fd, uintptr_t Pc) {
  uint64_t Bits;
  if (!signalFdBits(Fd, &Bits))
    return false;
  int Saved = errno;
  for (;;) {
    {
      BlockedScope Blocked(Bits);
      raiseSentSignals(Thr, Bits);
    }
    struct pollfd P = {Fd, POLLIN, 0};
    if (rawSyscall(SYS_poll, long(&P), 1, 0) > 0) {
      acquireSignals(Thr, Bits);
      errno = Saved;
      return true;
    }
    blockForSignal(Thr, Bits, 0, false, Pc);
    if (Thr->SigWaitOutside) {
      // The caller's read waits in the kernel, outside the schedule.
      Thr->SigWaitOutside = false;
      errno = Saved;
      return false;
    }
  }
}

} // namespace weft

WEFT_INTERCEPTOR int pthread_kill(pthread_t Th, int Sig) {
  WEFT_ENSURE_REAL(pthread_kill);
  ThreadState *Thr = CurThread;
  if (!Thr || Sig <= 0 || Sig > 64 || pthread_equal(Th, pthread_self())) {
    if (Thr && pthread_equal(Th, pthread_self()))
      Rt.Sched.goHome(); // the kernel delivers it to the own OS thread
    return WEFT_REAL(pthread_kill)(Th, Sig);
  }
  ThreadState **Target = Rt.ByHandle.find(uintptr_t(Th));
  if (!Target || (*Target)->Finished)
    return WEFT_REAL(pthread_kill)(Th, Sig);
  ThreadState *T = *Target;
  // Sending is ordered before the handler (or the wait's return), as with
  // any message.
  T->Clock.join(Thr->Clock);
  releaseSignal(Thr, Sig);
  if (T->Green.Status == ThreadStatus::InSyscall && (T->KernelSigWait & bit(Sig))) {
    // It waits for this signal in the kernel: the kernel hands it over.
    int R = WEFT_REAL(pthread_kill)(Th, Sig);
    syncPoint(Thr);
    return R;
  }
  sendToThread(T, Sig, nullptr, nullptr);
  syncPoint(Thr);
  return 0;
}

// kill() of the own process goes to the thread the kernel would pick
// (signal_delivery.h: a thread waiting for it, else the main thread unless
// it blocks it, ...), and its handler runs there; a signal with no handler
// goes to the kernel as usual (it ignores it or ends the process).
WEFT_INTERCEPTOR int kill(pid_t Pid, int Sig) {
  WEFT_ENSURE_REAL(kill);
  ThreadState *Thr = CurThread;
  if (!Thr || Sig <= 0 || Sig > 64 || Pid != rawGetpid())
    return WEFT_REAL(kill)(Pid, Sig);
  releaseSignal(Thr, Sig);
  RoutedInfo Info;
  Info.Code = SI_USER;
  if (!routeProcessSignal(Thr, Sig, Info, &Thr->Clock)) {
    Rt.Sched.goHome(); // a signal for this thread is delivered on its own
    return WEFT_REAL(kill)(Pid, Sig);
  }
  syncPoint(Thr);
  return 0;
}

WEFT_INTERCEPTOR int sigtimedwait(const sigset_t *Set, siginfo_t *Info,
                                  const struct timespec *Timeout) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return int(rawSyscall(SYS_rt_sigtimedwait, long(Set), long(Info), long(Timeout),
                          kKernelSigsetBytes));
  return int(waitForSignal(Thr, Set, Info, Timeout, WEFT_CALLER_PC));
}

WEFT_INTERCEPTOR int sigwaitinfo(const sigset_t *Set, siginfo_t *Info) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return int(rawSyscall(SYS_rt_sigtimedwait, long(Set), long(Info), 0, kKernelSigsetBytes));
  return int(waitForSignal(Thr, Set, Info, nullptr, WEFT_CALLER_PC));
}

// Returns the error number, never EINTR (POSIX; glibc retries too).
WEFT_INTERCEPTOR int sigwait(const sigset_t *Set, int *Sig) {
  ThreadState *Thr = CurThread;
  uintptr_t Pc = WEFT_CALLER_PC;
  int Saved = errno;
  long R;
  do {
    R = Thr ? waitForSignal(Thr, Set, nullptr, nullptr, Pc)
            : rawSyscall(SYS_rt_sigtimedwait, long(Set), 0, 0, kKernelSigsetBytes);
    Thr = CurThread;
  } while (R < 0 && errno == EINTR);
  int Err = R < 0 ? errno : 0;
  errno = Saved;
  if (R > 0)
    *Sig = int(R);
  return Err;
}

namespace {

/// pause and sigsuspend for a scheduled thread: blocks in the scheduler
/// until a signal whose handler runs interrupts the wait (signal_delivery.h),
/// runs it and returns -1 with EINTR. \p Mask: sigsuspend's mask (the
/// handler runs with it, and only signals it leaves open end the wait);
/// null for pause.
int suspendUntilSignal(ThreadState *Thr, const sigset_t *Mask, uintptr_t Pc) {
  syncPoint(Thr);
  uint64_t Bits = Mask ? kernelBits(Mask) & ~(bit(SIGKILL) | bit(SIGSTOP)) : 0;
  if (Mask) {
    // Its mask changes while it waits: it stays on its own OS thread.
    Rt.Sched.pinCurrent(/*ForMask=*/false);
    uint64_t Pending = 0;
    rawSyscall(SYS_rt_sigpending, long(&Pending), kKernelSigsetBytes);
    if (Pending & ~Bits) {
      // A signal the old mask held back is open now: the kernel delivers
      // it and returns at once.
      return int(rawSyscall(SYS_rt_sigsuspend, long(Mask), kKernelSigsetBytes));
    }
    Thr->SuspendMask = Bits;
    Thr->InSuspend = true;
  }
  Thr->InPause = true;
  Thr->BlockedStack = Pc ? stack_trie::child(currentStack(Thr), Pc) : currentStack(Thr);
  do
    Rt.Sched.block(WaitInfo{WaitKind::Signal, 0});
  while (Thr->Green.Interrupted == Interrupt::None);
  Thr->InPause = false;
  if (Mask) {
    // The handler runs with sigsuspend's mask, then the old one is back.
    uint64_t Old = 0;
    rawSyscall(SYS_rt_sigprocmask, SIG_SETMASK, long(&Bits), long(&Old), kKernelSigsetBytes);
    Thr->InSuspend = false;
    deliverPendingSignals(Thr);
    rawSyscall(SYS_rt_sigprocmask, SIG_SETMASK, long(&Old), 0, kKernelSigsetBytes);
  }
  errno = EINTR;
  return -1;
}

} // namespace

WEFT_INTERCEPTOR int pause() {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return int(rawSyscall(SYS_pause));
  return suspendUntilSignal(Thr, nullptr, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int sigsuspend(const sigset_t *Mask) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return int(rawSyscall(SYS_rt_sigsuspend, long(Mask), kKernelSigsetBytes));
  return suspendUntilSignal(Thr, Mask, WEFT_CALLER_PC);
}
