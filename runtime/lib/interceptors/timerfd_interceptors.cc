//===- timerfd_interceptors.cc - Timer descriptors on the virtual clock ---===//
//
// A timerfd the kernel runs expires in real time, which virtual time never
// catches up with (an event loop whose timer is a timerfd would wait for
// ever, or fire at moments no seed pins down). Under weft a timer
// descriptor's expirations are counted on the virtual clock: the program
// gets an eventfd (pollable, closable, epoll-able like the real thing), and
// weft writes to it when virtual time reaches the expiration, so poll,
// select and epoll see it readable at exactly that step. A read returns the
// expirations virtual time passed since the last read; a blocking read on
// an unexpired timer waits in virtual time.
//
// Expirations are counted when someone looks (timerfdSync: every descriptor
// wait and every read of a timer does), and a descriptor wait wakes at the
// next expiration of any timer (timerfdNextExpiry), so a timer in an epoll
// set is seen at its deadline.
//
//===----------------------------------------------------------------------===//

#include "interceptors/blocking_call.h"
#include "interceptors/fd_memory.h"
#include "base/raw_syscall.h"
#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

using namespace weft;

namespace {

constexpr uint64_t kNsPerSec = 1000000000ull;

struct VirtualTimer {
  bool Active = false;
  clockid_t Clock = CLOCK_MONOTONIC;
  uint64_t Expiry = kNoDeadline; // virtual ns of the next expiration
  uint64_t Interval = 0;         // 0: one-shot
  uint64_t Ticks = 0;            // expirations not yet read
  bool Signalled = false;        // the eventfd holds a count
};

// Indexed by descriptor. Only the baton holder touches it.
InternalVector<VirtualTimer> Timers;
size_t NumActive = 0;

VirtualTimer *timerOf(int Fd) {
  if (Fd < 0 || size_t(Fd) >= Timers.size() || !Timers[size_t(Fd)].Active)
    return nullptr;
  return &Timers[size_t(Fd)];
}

bool validTimespec(const struct timespec &Ts) {
  return Ts.tv_sec >= 0 && Ts.tv_nsec >= 0 && Ts.tv_nsec < long(kNsPerSec);
}

uint64_t toNs(const struct timespec &Ts) {
  return uint64_t(Ts.tv_sec) * kNsPerSec + uint64_t(Ts.tv_nsec);
}

struct timespec fromNs(uint64_t Ns) {
  return {time_t(Ns / kNsPerSec), long(Ns % kNsPerSec)};
}

/// Counts the expirations up to now; the eventfd becomes readable at the
/// first one not yet read.
void syncOne(int Fd, VirtualTimer &T) {
  uint64_t Now = Rt.Sched.now();
  if (T.Expiry == kNoDeadline || T.Expiry > Now)
    return;
  uint64_t N = 1;
  if (T.Interval) {
    N += (Now - T.Expiry) / T.Interval;
    T.Expiry += N * T.Interval;
  } else {
    T.Expiry = kNoDeadline;
  }
  T.Ticks += N;
  if (!T.Signalled) {
    uint64_t One = 1;
    rawSyscall(SYS_write, Fd, reinterpret_cast<long>(&One), sizeof(One));
    T.Signalled = true;
  }
}

/// Takes the count out of the eventfd: the descriptor is no longer readable.
void drain(int Fd, VirtualTimer &T) {
  if (!T.Signalled)
    return;
  uint64_t Count;
  rawSyscall(SYS_read, Fd, reinterpret_cast<long>(&Count), sizeof(Count));
  T.Signalled = false;
}

void currentValue(const VirtualTimer &T, struct itimerspec *Out) {
  uint64_t Now = Rt.Sched.now();
  Out->it_interval = fromNs(T.Interval);
  Out->it_value = fromNs(T.Expiry == kNoDeadline ? 0 : T.Expiry > Now ? T.Expiry - Now : 1);
}

} // namespace

namespace weft {

void timerfdSync() {
  if (!NumActive)
    return;
  for (size_t Fd = 0; Fd < Timers.size(); ++Fd)
    if (Timers[Fd].Active)
      syncOne(int(Fd), Timers[Fd]);
}

uint64_t timerfdNextExpiry() {
  uint64_t Next = kNoDeadline;
  if (!NumActive)
    return Next;
  for (const VirtualTimer &T : Timers)
    if (T.Active && T.Expiry < Next)
      Next = T.Expiry;
  return Next;
}

bool isVirtualTimerfd(int Fd) { return NumActive && timerOf(Fd); }

ssize_t timerfdRead(ThreadState *Thr, int Fd, void *Buf, size_t N, uintptr_t Pc) {
  if (N < sizeof(uint64_t)) {
    errno = EINVAL;
    return -1;
  }
  VirtualTimer *T = timerOf(Fd);
  uint64_t Wait = fdIsBlocking(Fd) ? kNoDeadline : 0;
  // Waits until virtual time reaches the expiration, or another thread sets
  // the timer (fdActivity); with nothing to watch outside the program, it
  // is a sleep for the scheduler.
  int R = waitForDescriptors(Thr, "read", Fd, nullptr, 0, Wait, Pc, [&] {
    T = timerOf(Fd);
    return T && T->Ticks ? 1 : 0;
  });
  if (R < 0) // a signal's handler interrupted the wait (EINTR)
    return -1;
  if (!T) { // closed meanwhile
    errno = EBADF;
    return -1;
  }
  if (R == 0) {
    errno = EAGAIN;
    return -1;
  }
  uint64_t Ticks = T->Ticks;
  T->Ticks = 0;
  drain(Fd, *T);
  libcAccess(Buf, sizeof(Ticks), true, Pc);
  std::memcpy(Buf, &Ticks, sizeof(Ticks));
  return sizeof(Ticks);
}

void timerfdForget(int Fd) {
  if (VirtualTimer *T = timerOf(Fd)) {
    *T = VirtualTimer();
    --NumActive;
  }
}

} // namespace weft

WEFT_INTERCEPTOR int timerfd_create(int Clock, int Flags) {
  bool Virtual = Clock == CLOCK_MONOTONIC || Clock == CLOCK_REALTIME || Clock == CLOCK_BOOTTIME;
  if (!CurThread || !Virtual)
    return static_cast<int>(rawCall(SYS_timerfd_create, Clock, Flags));
  if (Flags & ~(TFD_NONBLOCK | TFD_CLOEXEC)) {
    errno = EINVAL;
    return -1;
  }
  int EfdFlags = (Flags & TFD_NONBLOCK ? EFD_NONBLOCK : 0) | (Flags & TFD_CLOEXEC ? EFD_CLOEXEC : 0);
  long Fd = rawSyscall(SYS_eventfd2, 0, EfdFlags);
  if (Fd < 0)
    return -1;
  if (size_t(Fd) >= Timers.size())
    Timers.resize(size_t(Fd) + 1);
  VirtualTimer &T = Timers[size_t(Fd)];
  T = VirtualTimer();
  T.Active = true;
  T.Clock = Clock;
  ++NumActive;
  fdCreated(int(Fd), WEFT_CALLER_PC);
  return int(Fd);
}

WEFT_INTERCEPTOR int timerfd_settime(int Fd, int Flags, const struct itimerspec *New,
                                     struct itimerspec *Old) {
  VirtualTimer *T = CurThread ? timerOf(Fd) : nullptr;
  if (!T)
    return static_cast<int>(rawCall(SYS_timerfd_settime, Fd, Flags, New, Old));
  if (!New || !validTimespec(New->it_value) || !validTimespec(New->it_interval)) {
    errno = New ? EINVAL : EFAULT;
    return -1;
  }
  syncOne(Fd, *T);
  if (Old)
    currentValue(*T, Old);
  // Setting a timer forgets the expirations not yet read, as the kernel does.
  T->Ticks = 0;
  drain(Fd, *T);
  T->Interval = toNs(New->it_interval);
  if (New->it_value.tv_sec == 0 && New->it_value.tv_nsec == 0)
    T->Expiry = kNoDeadline;
  else if (Flags & TFD_TIMER_ABSTIME)
    T->Expiry = virtualDeadline(T->Clock, &New->it_value);
  else
    T->Expiry = Rt.Sched.now() + toNs(New->it_value);
  syncOne(Fd, *T); // an absolute time already past expires now
  fdActivity();    // waiters look again, and wake at the new expiration
  return 0;
}

WEFT_INTERCEPTOR int timerfd_gettime(int Fd, struct itimerspec *Cur) {
  VirtualTimer *T = CurThread ? timerOf(Fd) : nullptr;
  if (!T)
    return static_cast<int>(rawCall(SYS_timerfd_gettime, Fd, Cur));
  if (!Cur) {
    errno = EFAULT;
    return -1;
  }
  syncOne(Fd, *T);
  currentValue(*T, Cur);
  return 0;
}
