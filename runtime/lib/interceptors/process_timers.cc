//===- process_timers.cc - Timer signals on the virtual clock -------------===//
//
// The model behind alarm, setitimer/getitimer and the timer_* calls (see
// process_timers.h). Timers are kept by id in one vector: 0..2 are the
// three interval timers (ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF), the
// rest timer_create's, so due timers fire in id order and the run replays.
// Arming a timer happens before its handler runs (the armer's clock is
// released into the timer, and its signal carries it).
//
// What stays with the kernel: timer_create on other clocks (a thread's CPU
// clock, *_ALARM) and SIGEV_THREAD timers (glibc runs them on a helper
// thread); calls made before weft started. docs/limits.md has the list.
//
//===----------------------------------------------------------------------===//

#include "interceptors/process_timers.h"
#include "interceptors/interceptor.h"
#include "interceptors/signal_delivery.h"
#include "core/sync_ops.h"
#include "base/internal_libc.h"
#include "base/internal_vector.h"
#include "base/raw_syscall.h"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

using namespace weft;

WEFT_DECLARE_REAL(int, timer_create, clockid_t, struct sigevent *, timer_t *)
WEFT_DECLARE_REAL(int, timer_settime, timer_t, int, const struct itimerspec *, struct itimerspec *)
WEFT_DECLARE_REAL(int, timer_gettime, timer_t, struct itimerspec *)
WEFT_DECLARE_REAL(int, timer_getoverrun, timer_t)
WEFT_DECLARE_REAL(int, timer_delete, timer_t)

namespace weft {
namespace process_timers {

uint64_t NextCheckNs = kNoDeadline;
bool Armed = false;

namespace {

constexpr uint64_t kNsPerSec = 1000000000ull;
/// timer_create's ids are kIdBase + index: far from the kernel's small
/// ids, so a timer weft does not model (another clock) keeps its own.
constexpr intptr_t kIdBase = 0x5ef70000;
constexpr size_t kIntervalTimers = 3; // ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF
/// Consecutive Access points at the same read of an unchanged value, with
/// no other point between them, that make a lone thread a spinner.
constexpr unsigned kSpinPoints = 8;

enum class TimerClock : uint8_t { Real, Cpu };

struct VTimer {
  bool InUse = false;
  TimerClock Clock = TimerClock::Real;
  clockid_t ClockId = CLOCK_MONOTONIC; // for TIMER_ABSTIME
  int Notify = SIGEV_SIGNAL; // SIGEV_SIGNAL, SIGEV_THREAD_ID or SIGEV_NONE
  int Sig = 0;
  int TargetTid = 0; // SIGEV_THREAD_ID
  int Code = SI_TIMER;
  union sigval Value = {};
  uint64_t Expiry = 0;   // on its clock; 0: disarmed
  uint64_t Interval = 0; // 0: one-shot
  int Overrun = 0;       // of the last expiry it signalled
  VectorClock *ArmedBy = nullptr; // released into by every arming
};

InternalVector<VTimer> Timers;
/// CPU time that spinning threads spent while time jumped (spinProbe).
uint64_t SpinCpuNs = 0;

struct SpinState {
  ThreadId Id = ThreadId::Invalid;
  uintptr_t Addr = 0, Pc = 0;
  uint64_t Value = 0;
  uint64_t Step = 0;
  unsigned Count = 0;
} Spin;

uint64_t cpuNs() { return Rt.Sched.steps() * Scheduler::kStepNs + SpinCpuNs; }
uint64_t clockNow(const VTimer &T) { return T.Clock == TimerClock::Cpu ? cpuNs() : Rt.Sched.now(); }

/// Virtual time until \p T is due (0 if it is).
uint64_t timeLeft(const VTimer &T) {
  uint64_t Now = clockNow(T);
  return T.Expiry > Now ? T.Expiry - Now : 0;
}

void recompute() {
  uint64_t Next = kNoDeadline;
  bool Any = false;
  uint64_t Now = Rt.Sched.now();
  for (const VTimer &T : Timers) {
    if (!T.InUse || !T.Expiry)
      continue;
    Any = true;
    // CPU time never runs ahead of virtual time, so this is a lower bound.
    uint64_t At = Now + timeLeft(T);
    if (At < Next)
      Next = At;
  }
  Armed = Any;
  NextCheckNs = Next;
}

VTimer &intervalTimer(int Which) {
  while (Timers.size() < kIntervalTimers) {
    VTimer T;
    size_t I = Timers.size();
    T.InUse = true;
    T.Clock = I == ITIMER_REAL ? TimerClock::Real : TimerClock::Cpu;
    T.Sig = I == ITIMER_REAL ? SIGALRM : I == ITIMER_VIRTUAL ? SIGVTALRM : SIGPROF;
    T.Code = SI_KERNEL; // what the kernel's interval timers send
    Timers.push_back(T);
  }
  return Timers[size_t(Which)];
}

/// The timer behind a timer_t weft handed out, or null.
VTimer *timerOf(timer_t Id) {
  intptr_t V = reinterpret_cast<intptr_t>(Id) - kIdBase;
  if (V < intptr_t(kIntervalTimers) || size_t(V) >= Timers.size() || !Timers[size_t(V)].InUse)
    return nullptr;
  return &Timers[size_t(V)];
}

uint64_t toNs(const struct timespec &Ts) { return uint64_t(Ts.tv_sec) * kNsPerSec + uint64_t(Ts.tv_nsec); }
uint64_t toNs(const struct timeval &Tv) { return uint64_t(Tv.tv_sec) * kNsPerSec + uint64_t(Tv.tv_usec) * 1000; }
struct timespec toTimespec(uint64_t Ns) { return {time_t(Ns / kNsPerSec), long(Ns % kNsPerSec)}; }
struct timeval toTimeval(uint64_t Ns) {
  // Rounded up, as the kernel reports a time left: never 0 while armed.
  uint64_t Us = (Ns + 999) / 1000;
  return {time_t(Us / 1000000), suseconds_t(Us % 1000000)};
}

/// Arms (or with \p Value 0 disarms) \p T, \p Value from now on its clock.
void arm(ThreadState *Thr, VTimer &T, uint64_t Value, uint64_t Interval) {
  T.Expiry = Value ? clockNow(T) + Value : 0;
  if (T.Expiry == 0 && Value)
    T.Expiry = 1;
  T.Interval = Value ? Interval : 0;
  T.Overrun = 0;
  if (Thr && !Thr->IgnoreSync) {
    if (!T.ArmedBy)
      T.ArmedBy = internalNew<VectorClock>();
    T.ArmedBy->assign(Thr->Clock);
    releaseTick(Thr);
  }
  recompute();
}

/// Sends \p T's signal for the expiry it just reached; \p Current is the
/// baton holder if it acts in its own name (null when every thread waits).
void signal(VTimer &T, size_t Index, ThreadState *Current) {
  if (T.Notify == SIGEV_NONE || T.Sig == 0)
    return;
  RoutedInfo Info;
  Info.Code = T.Code;
  Info.TimerId = int(kIdBase + intptr_t(Index));
  Info.Overrun = T.Overrun;
  Info.Value = T.Value;
  if (T.Notify == SIGEV_THREAD_ID) {
    for (size_t I = 0; I < Rt.Sched.numThreads(); ++I) {
      ThreadState *Target = threadById(static_cast<ThreadId>(I));
      if (Target && !Target->Finished && Target->OsTid == T.TargetTid) {
        sendToThread(Target, T.Sig, &Info, T.ArmedBy);
        if (Target == Current)
          deliverPendingSignals(Current);
        return;
      }
    }
    return; // the thread is gone: the kernel drops it too
  }
  if (!routeProcessSignal(Current, T.Sig, Info, T.ArmedBy)) {
    // No handler (the default ends the process, or it is ignored), or
    // every thread blocks it: the kernel acts, as it would natively.
    if (Current)
      Rt.Sched.goHome();
    rawSyscall(SYS_kill, rawGetpid(), T.Sig);
  }
}

/// Fires every timer due at this moment, in id order.
void fireAll(ThreadState *Current) {
  for (size_t I = 0; I < Timers.size(); ++I) {
    VTimer &T = Timers[I];
    if (!T.InUse || !T.Expiry)
      continue;
    uint64_t Now = clockNow(T);
    if (T.Expiry > Now)
      continue;
    uint64_t Missed = T.Interval ? (Now - T.Expiry) / T.Interval : 0;
    T.Overrun = Missed > 0x7fffffff ? 0x7fffffff : int(Missed);
    T.Expiry = T.Interval ? T.Expiry + (Missed + 1) * T.Interval : 0;
    // A copy: the handler may re-arm, create or delete timers.
    VTimer Fired = T;
    signal(Fired, I, Current);
  }
  recompute();
}

} // namespace

void fireDue(ThreadState *Thr) { fireAll(Thr); }

bool fireWhileIdle() {
  if (!Armed)
    return false;
  uint64_t Left = kNoDeadline;
  for (const VTimer &T : Timers)
    if (T.InUse && T.Expiry) {
      // Nothing runs, so CPU time stands still: only real timers expire.
      if (T.Clock == TimerClock::Real && timeLeft(T) < Left)
        Left = timeLeft(T);
    }
  if (Left == kNoDeadline)
    return false;
  uint64_t Now = Rt.Sched.now();
  uint64_t Deadline = Rt.Sched.nextDeadline();
  if (Deadline != kNoDeadline && Deadline < Now + Left)
    return false; // a timed wait ends first
  Rt.Sched.advanceTime(Left);
  fireAll(nullptr);
  return Rt.Sched.runnableCount() > 0;
}

void spinProbe(ThreadState *Thr, uintptr_t Addr, unsigned Size, bool IsWrite, uintptr_t Pc) {
  if (IsWrite || Size == 0 || Size > 8 || Rt.Sched.runnableCount() != 1) {
    Spin.Count = 0;
    return;
  }
  uint64_t V = 0;
  internalMemcpy(&V, reinterpret_cast<const void *>(Addr), Size);
  uint64_t Step = Rt.Sched.steps();
  if (Spin.Id == Thr->tid() && Spin.Addr == Addr && Spin.Pc == Pc && Spin.Value == V &&
      Spin.Step + 1 == Step) {
    ++Spin.Count;
  } else {
    Spin.Id = Thr->tid();
    Spin.Addr = Addr;
    Spin.Pc = Pc;
    Spin.Value = V;
    Spin.Count = 1;
  }
  Spin.Step = Step;
  if (Spin.Count < kSpinPoints)
    return;
  Spin.Count = 0;
  uint64_t Left = kNoDeadline;
  for (const VTimer &T : Timers)
    if (T.InUse && T.Expiry && timeLeft(T) < Left)
      Left = timeLeft(T);
  if (Left == kNoDeadline || Left == 0)
    return;
  // A sleeper or timed wait due first may be what the spinner waits for:
  // then time keeps its pace (its deadline is a lower bound, maybe stale).
  uint64_t Deadline = Rt.Sched.nextDeadline();
  if (Deadline != kNoDeadline && Deadline < Rt.Sched.now() + Left)
    return;
  // The spinner runs all that time: CPU clocks move with it.
  Rt.Sched.advanceTime(Left);
  SpinCpuNs += Left;
  recompute(); // the point that follows fires it
}

void resetAfterFork() {
  for (VTimer &T : Timers) {
    T.Expiry = 0;
    if (size_t(&T - Timers.begin()) >= kIntervalTimers)
      T.InUse = false;
  }
  SpinCpuNs = 0;
  recompute();
}

} // namespace process_timers
} // namespace weft

using namespace weft::process_timers;

namespace {

bool validTimeval(const struct timeval &Tv) {
  return Tv.tv_sec >= 0 && Tv.tv_usec >= 0 && Tv.tv_usec < 1000000;
}
bool validTimespec(const struct timespec &Ts) {
  return Ts.tv_sec >= 0 && Ts.tv_nsec >= 0 && Ts.tv_nsec < long(kNsPerSec);
}

void readInterval(int Which, struct itimerval *Out) {
  VTimer &T = intervalTimer(Which);
  Out->it_value = T.Expiry ? toTimeval(timeLeft(T)) : timeval{0, 0};
  Out->it_interval = toTimeval(T.Interval);
}

} // namespace

WEFT_INTERCEPTOR int getitimer(int Which, struct itimerval *Cur) {
  if (!CurThread)
    return int(rawCall(SYS_getitimer, Which, Cur));
  if (Which < ITIMER_REAL || Which > ITIMER_PROF) {
    errno = EINVAL;
    return -1;
  }
  if (!Cur) {
    errno = EFAULT;
    return -1;
  }
  readInterval(Which, Cur);
  return 0;
}

WEFT_INTERCEPTOR int setitimer(int Which, const struct itimerval *New, struct itimerval *Old) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return int(rawCall(SYS_setitimer, Which, New, Old));
  if (Which < ITIMER_REAL || Which > ITIMER_PROF) {
    errno = EINVAL;
    return -1;
  }
  if (!New) {
    errno = EFAULT;
    return -1;
  }
  if (!validTimeval(New->it_value) || !validTimeval(New->it_interval)) {
    errno = EINVAL;
    return -1;
  }
  if (Old)
    readInterval(Which, Old);
  arm(Thr, intervalTimer(Which), toNs(New->it_value), toNs(New->it_interval));
  return 0;
}
WEFT_DEFINE_OWN(setitimer)

WEFT_INTERCEPTOR unsigned alarm(unsigned Seconds) {
  if (!CurThread) {
    struct itimerval New = {{0, 0}, {time_t(Seconds), 0}}, Old;
    rawCall(SYS_setitimer, ITIMER_REAL, &New, &Old);
    return unsigned(Old.it_value.tv_sec) + (Old.it_value.tv_usec >= 500000);
  }
  struct itimerval New = {{0, 0}, {time_t(Seconds), 0}}, Old;
  WEFT_OWN(setitimer)(ITIMER_REAL, &New, &Old);
  // As glibc rounds it: to the nearest second, and never 0 while armed.
  unsigned Left = unsigned(Old.it_value.tv_sec);
  if (Old.it_value.tv_usec >= 500000 || (Left == 0 && Old.it_value.tv_usec > 0))
    ++Left;
  return Left;
}

WEFT_INTERCEPTOR int timer_create(clockid_t Clock, struct sigevent *Ev, timer_t *Id) {
  WEFT_ENSURE_REAL(timer_create);
  ThreadState *Thr = CurThread;
  bool RealClock = Clock == CLOCK_REALTIME || Clock == CLOCK_MONOTONIC || Clock == CLOCK_BOOTTIME;
  bool CpuClock = Clock == CLOCK_PROCESS_CPUTIME_ID;
  int Notify = Ev ? Ev->sigev_notify : SIGEV_SIGNAL;
  if (!Thr || (!RealClock && !CpuClock) ||
      (Notify != SIGEV_SIGNAL && Notify != SIGEV_NONE && Notify != SIGEV_THREAD_ID))
    return WEFT_REAL(timer_create)(Clock, Ev, Id);
  int Sig = Ev ? Ev->sigev_signo : SIGALRM;
  if (Notify != SIGEV_NONE && (Sig < 1 || Sig > 64)) {
    errno = EINVAL;
    return -1;
  }
  VTimer T;
  T.InUse = true;
  T.Clock = CpuClock ? TimerClock::Cpu : TimerClock::Real;
  T.ClockId = Clock;
  T.Notify = Notify;
  T.Sig = Notify == SIGEV_NONE ? 0 : Sig;
  T.Code = SI_TIMER;
  if (Notify == SIGEV_THREAD_ID) {
    T.TargetTid = Ev->_sigev_un._tid;
    bool Known = false;
    for (size_t I = 0; I < Rt.Sched.numThreads() && !Known; ++I) {
      ThreadState *S = threadById(static_cast<ThreadId>(I));
      Known = S && !S->Finished && S->OsTid == T.TargetTid;
    }
    if (!Known) {
      errno = EINVAL; // as the kernel says of a thread not in the process
      return -1;
    }
  }
  intervalTimer(ITIMER_REAL); // ids 0..2 are taken
  size_t Index = Timers.size();
  for (size_t I = kIntervalTimers; I < Timers.size(); ++I)
    if (!Timers[I].InUse) {
      Index = I;
      break;
    }
  if (Index == Timers.size())
    Timers.push_back(T);
  VectorClock *Keep = Timers[Index].ArmedBy;
  Timers[Index] = T;
  Timers[Index].ArmedBy = Keep;
  // Without a sigevent the value is the timer's id (POSIX).
  if (Ev)
    Timers[Index].Value = Ev->sigev_value;
  else
    Timers[Index].Value.sival_int = int(kIdBase + intptr_t(Index));
  *Id = reinterpret_cast<timer_t>(kIdBase + intptr_t(Index));
  return 0;
}

WEFT_INTERCEPTOR int timer_settime(timer_t Id, int Flags, const struct itimerspec *New,
                                   struct itimerspec *Old) {
  WEFT_ENSURE_REAL(timer_settime);
  ThreadState *Thr = CurThread;
  VTimer *T = Thr ? timerOf(Id) : nullptr;
  if (!T)
    return WEFT_REAL(timer_settime)(Id, Flags, New, Old);
  if (!New) {
    errno = EFAULT;
    return -1;
  }
  if (!validTimespec(New->it_value) || !validTimespec(New->it_interval)) {
    errno = EINVAL;
    return -1;
  }
  if (Old) {
    Old->it_value = T->Expiry ? toTimespec(timeLeft(*T)) : timespec{0, 0};
    Old->it_interval = toTimespec(T->Interval);
  }
  uint64_t Value = toNs(New->it_value);
  if (Value && (Flags & TIMER_ABSTIME)) {
    // An absolute expiry on the clock the program reads (virtual, or for
    // the CPU clock weft's); one in the past fires at the next point.
    uint64_t Now = T->Clock == TimerClock::Cpu ? cpuNs() : 0;
    if (T->Clock == TimerClock::Real) {
      Value = virtualDeadline(T->ClockId, &New->it_value) - Rt.Sched.now();
    } else {
      Value = Value > Now ? Value - Now : 0;
    }
    if (Value == 0)
      Value = 1;
  }
  arm(Thr, *T, Value, toNs(New->it_interval));
  return 0;
}

WEFT_INTERCEPTOR int timer_gettime(timer_t Id, struct itimerspec *Cur) {
  WEFT_ENSURE_REAL(timer_gettime);
  VTimer *T = CurThread ? timerOf(Id) : nullptr;
  if (!T)
    return WEFT_REAL(timer_gettime)(Id, Cur);
  Cur->it_value = T->Expiry ? toTimespec(timeLeft(*T)) : timespec{0, 0};
  Cur->it_interval = toTimespec(T->Interval);
  return 0;
}

WEFT_INTERCEPTOR int timer_getoverrun(timer_t Id) {
  WEFT_ENSURE_REAL(timer_getoverrun);
  VTimer *T = CurThread ? timerOf(Id) : nullptr;
  if (!T)
    return WEFT_REAL(timer_getoverrun)(Id);
  return T->Overrun;
}

WEFT_INTERCEPTOR int timer_delete(timer_t Id) {
  WEFT_ENSURE_REAL(timer_delete);
  VTimer *T = CurThread ? timerOf(Id) : nullptr;
  if (!T)
    return WEFT_REAL(timer_delete)(Id);
  T->InUse = false;
  T->Expiry = 0;
  recompute();
  return 0;
}
