//===- time_interceptors.cc - Virtual time: sleeps, timeouts and clocks ---===//
//
// Under weft, time is virtual: sleeping never waits for the wall clock, it
// lets the scheduler run others and wakes when virtual time reaches the
// deadline (at once if nobody else can run). The clocks the program reads
// are the virtual clock plus the real time at start-up, so a timeout the
// program computes from them is the same in every run of a seed. Each clock
// read costs one step of virtual time, so a loop waiting for time to pass
// terminates. With wall_clock=1 the clocks read the wall clock instead (a
// program that prints durations prints real ones); sleeps and timeouts still
// pass in virtual time, their deadlines converted from the wall clock.
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>
#include <ctime>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

using namespace weft;

namespace weft {
namespace {

constexpr uint64_t kNsPerSec = 1000000000ull;

struct ClockBase {
  bool Known = false;
  uint64_t RealtimeNs = 0;
  uint64_t MonotonicNs = 0;
} Base;

uint64_t rawClockNs(clockid_t C) {
  struct timespec Ts;
  rawCall(SYS_clock_gettime, C, &Ts);
  return uint64_t(Ts.tv_sec) * kNsPerSec + uint64_t(Ts.tv_nsec);
}

bool isVirtualClock(clockid_t C) {
  return C == CLOCK_REALTIME || C == CLOCK_MONOTONIC || C == CLOCK_REALTIME_COARSE ||
         C == CLOCK_MONOTONIC_COARSE || C == CLOCK_MONOTONIC_RAW || C == CLOCK_BOOTTIME;
}

/// What the program reads from clock \p C: the virtual clock, or with
/// wall_clock=1 the real one.
uint64_t programClockNs(clockid_t C);

uint64_t virtualClockNs(clockid_t C) {
  if (!Base.Known) {
    Base.RealtimeNs = rawClockNs(CLOCK_REALTIME);
    Base.MonotonicNs = rawClockNs(CLOCK_MONOTONIC);
    Base.Known = true;
  }
  bool Real = C == CLOCK_REALTIME || C == CLOCK_REALTIME_COARSE;
  return (Real ? Base.RealtimeNs : Base.MonotonicNs) + Rt.Sched.now();
}

uint64_t programClockNs(clockid_t C) {
  return Rt.Opts.wall_clock ? rawClockNs(C) : virtualClockNs(C);
}

uint64_t toNs(const struct timespec *Ts) {
  if (Ts->tv_sec < 0)
    return 0;
  return uint64_t(Ts->tv_sec) * kNsPerSec + uint64_t(Ts->tv_nsec);
}

} // namespace

uint64_t virtualSleep(ThreadState *Thr, uint64_t Ns, uintptr_t Pc) {
  cancellationPoint(Thr); // the sleeps are cancellation points
  Thr->BlockedStack = stack_trie::child(currentStack(Thr), Pc);
  uint64_t Deadline = Rt.Sched.now() + Ns;
  bool Slept = Rt.Sched.sleepUntil(Deadline);
  cancellationPoint(Thr); // a cancel that ended the sleep acts here
  if (Slept)
    return 0;
  // Interrupted (signal_delivery.h): at least 1 ns is left, so callers can
  // tell it from a full sleep.
  uint64_t Now = Rt.Sched.now();
  return Deadline > Now ? Deadline - Now : 1;
}

uint64_t virtualDeadlineAfter(const struct timespec *Rel) {
  if (!Rel)
    return kNoDeadline;
  return Rt.Sched.now() + toNs(Rel);
}


uint64_t virtualDeadline(clockid_t Clock, const struct timespec *Abs) {
  if (!Abs)
    return kNoDeadline;
  if (!isVirtualClock(Clock))
    Clock = CLOCK_MONOTONIC;
  uint64_t Now = programClockNs(Clock);
  uint64_t Want = toNs(Abs);
  return Rt.Sched.now() + (Want > Now ? Want - Now : 0);
}

bool waitDeadline(clockid_t Clock, const struct timespec *Abs, uint64_t *Deadline) {
  if (!Abs || Abs->tv_nsec < 0 || Abs->tv_nsec >= long(kNsPerSec) || !validWaitClock(Clock))
    return false;
  *Deadline = virtualDeadline(Clock, Abs);
  return true;
}

} // namespace weft

// An interrupted sleep returns the seconds left, rounded to the nearest
// (glibc); usleep and nanosleep -1 with EINTR, nanosleep the rest in *Rem;
// clock_nanosleep returns EINTR. Linux never restarts them after a handler.
WEFT_INTERCEPTOR unsigned sleep(unsigned Seconds) {
  if (ThreadState *Thr = CurThread) {
    uint64_t Left = virtualSleep(Thr, uint64_t(Seconds) * kNsPerSec, WEFT_CALLER_PC);
    return unsigned(Left / kNsPerSec + (Left % kNsPerSec >= kNsPerSec / 2));
  }
  struct timespec Ts = {time_t(Seconds), 0};
  rawCall(SYS_nanosleep, &Ts, nullptr);
  return 0;
}

WEFT_INTERCEPTOR int usleep(useconds_t Us) {
  if (ThreadState *Thr = CurThread) {
    if (virtualSleep(Thr, uint64_t(Us) * 1000, WEFT_CALLER_PC)) {
      errno = EINTR;
      return -1;
    }
    return 0;
  }
  struct timespec Ts = {time_t(Us / 1000000), long(Us % 1000000) * 1000};
  return static_cast<int>(rawCall(SYS_nanosleep, &Ts, nullptr));
}

WEFT_INTERCEPTOR int nanosleep(const struct timespec *Req, struct timespec *Rem) {
  if (!Req || Req->tv_nsec < 0 || Req->tv_nsec >= long(kNsPerSec)) {
    errno = EINVAL;
    return -1;
  }
  if (ThreadState *Thr = CurThread) {
    uint64_t Left = virtualSleep(Thr, toNs(Req), WEFT_CALLER_PC);
    if (!Left)
      return 0;
    if (Rem)
      *Rem = {time_t(Left / kNsPerSec), long(Left % kNsPerSec)};
    errno = EINTR;
    return -1;
  }
  return static_cast<int>(rawCall(SYS_nanosleep, Req, Rem));
}

WEFT_INTERCEPTOR int clock_nanosleep(clockid_t Clock, int Flags,
                                     const struct timespec *Req, struct timespec *Rem) {
  if (!Req || Req->tv_nsec < 0 || Req->tv_nsec >= long(kNsPerSec))
    return EINVAL;
  if (ThreadState *Thr = CurThread) {
    uint64_t Ns = toNs(Req);
    if (Flags & TIMER_ABSTIME) {
      uint64_t Deadline = virtualDeadline(Clock, Req);
      Ns = Deadline - Rt.Sched.now();
    }
    uint64_t Left = virtualSleep(Thr, Ns, WEFT_CALLER_PC);
    if (!Left)
      return 0;
    if (Rem && !(Flags & TIMER_ABSTIME))
      *Rem = {time_t(Left / kNsPerSec), long(Left % kNsPerSec)};
    return EINTR;
  }
  long R = rawCall(SYS_clock_nanosleep, Clock, Flags, Req, Rem);
  return R < 0 ? errno : 0;
}

WEFT_INTERCEPTOR int clock_gettime(clockid_t Clock, struct timespec *Ts) {
  if (CurThread && isVirtualClock(Clock) && Ts) {
    Rt.Sched.advanceTime(Scheduler::kStepNs);
    uint64_t Ns = programClockNs(Clock);
    Ts->tv_sec = time_t(Ns / kNsPerSec);
    Ts->tv_nsec = long(Ns % kNsPerSec);
    return 0;
  }
  return static_cast<int>(rawCall(SYS_clock_gettime, Clock, Ts));
}
WEFT_DEFINE_OWN(clock_gettime)

WEFT_INTERCEPTOR int gettimeofday(struct timeval *Tv, void *Tz) {
  if (CurThread && Tv) {
    Rt.Sched.advanceTime(Scheduler::kStepNs);
    uint64_t Ns = programClockNs(CLOCK_REALTIME);
    Tv->tv_sec = time_t(Ns / kNsPerSec);
    Tv->tv_usec = long(Ns % kNsPerSec) / 1000;
    return 0;
  }
  return static_cast<int>(rawCall(SYS_gettimeofday, Tv, Tz));
}

WEFT_INTERCEPTOR time_t time(time_t *Out) {
  time_t T;
  if (CurThread) {
    Rt.Sched.advanceTime(Scheduler::kStepNs);
    T = time_t(programClockNs(CLOCK_REALTIME) / kNsPerSec);
  } else {
    T = time_t(rawClockNs(CLOCK_REALTIME) / kNsPerSec);
  }
  if (Out)
    *Out = T;
  return T;
}

// C11's clock (TIME_UTC is CLOCK_REALTIME): glibc reads the clock without
// going through clock_gettime, and C11 timed waits take deadlines from it.
WEFT_INTERCEPTOR int timespec_get(struct timespec *Ts, int Base) {
  if (Base != TIME_UTC)
    return 0;
  WEFT_OWN(clock_gettime)(CLOCK_REALTIME, Ts);
  return Base;
}
