//===- blocking_call.h - Making a system call outside the schedule --------===//
//
// A system call that may wait for another program thread (a read on an
// empty pipe, accept, poll) must not keep the baton: the thread leaves the
// schedule, makes the real call, and waits to be scheduled again. Calls that
// cannot block (ready descriptors, O_NONBLOCK, regular files) skip all that:
// they stay deterministic and cost one poll and at most an fstat and fcntl.
//
// Between leaving and coming back the thread holds no baton: the call itself
// is all it may do; no runtime state, no errno reads by others.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_BLOCKING_CALL_H
#define WEFT_RUNTIME_BLOCKING_CALL_H

#include "core/rtl.h"

#include <cerrno>
#include <poll.h>
#include <pthread.h>
#include <sys/types.h>

namespace weft {

/// Whether a call on \p Fd that waits for \p Events (POLLIN or POLLOUT) of
/// up to \p Len bytes could block.
bool fdMayBlock(int Fd, short Events, size_t Len);
/// Whether \p Fd is in blocking mode (fcntl); false on error.
bool fdIsBlocking(int Fd);

/// A cancel that glibc acts on inside the real call (cancel_interceptors.cc)
/// unwinds through callMaybeBlocking: the thread takes the baton back there,
/// before the program's cleanup handlers run.
void reenterOnCancel(void *Thr);

/// Runs \p Call without the baton when \p MayBlock, else holding it. A
/// call that blocks is a cancellation point: a pending cancel acts before
/// it, and one sent while it blocks is glibc's, in the kernel call.
template <typename F>
auto callMaybeBlocking(ThreadState *Thr, bool MayBlock, const char *Name, int Fd,
                       F Call) -> decltype(Call()) {
  if (!MayBlock)
    return Call();
  cancellationPoint(Thr);
  Rt.Sched.leaveForSyscall(SyscallInfo{Name, Fd});
  decltype(Call()) R;
  pthread_cleanup_push(reenterOnCancel, Thr);
  R = Call();
  pthread_cleanup_pop(0);
  int Err = errno; // the futex wait below may clobber it
  Rt.Sched.reenterAfterSyscall(&Thr->Green);
  errno = Err;
  return R;
}

/// Happens-before through a pipe or socket: a write releases the
/// descriptor's channel, a read that got bytes acquires it.
void fdRelease(ThreadState *Thr, int Fd);
void fdAcquire(ThreadState *Thr, int Fd);

//===--- Waiting for descriptors in virtual time ---------------------------===//
//
// poll/select/epoll_wait and reads of timer descriptors that find nothing
// ready do not wait in the kernel: the thread blocks in the scheduler until
// its virtual deadline, or until a program thread does something to a
// descriptor that may make one ready (fdActivity: a write, a read, a close,
// a timer set), and then looks again with a zero timeout. So a timeout
// advances virtual time by exactly its length, and which events a wait
// returns depends only on the schedule. When no program thread can run
// before the deadline, the scheduler lets the waiters wait for real for the
// rest of it (waitOutside), so events from other processes still arrive.

/// One thread blocked in a descriptor wait: what it waits on, for the
/// real wait when the whole program is idle.
struct FdWaiter {
  ThreadState *Thr;
  const char *Name; // the call, for notes
  int Fd;           // -1 when the call has no single descriptor
  struct pollfd *Watch; // a real wait may write revents (nothing else)
  size_t NumWatch;
  /// Set when it is woken to wait for real, outside the schedule: nothing
  /// can run and threads are in system calls (waitOutsideForDescriptors).
  bool WaitForReal = false;
};

/// Blocks \p W's thread until fdActivity or virtual time \p Until
/// (kNoDeadline: no limit); \p Pc is the call site, for deadlock reports.
/// If woken to wait for real, makes that wait (outside the schedule) for
/// what is left until \p Until before it returns.
void blockForFdEvent(FdWaiter &W, uint64_t Until, uintptr_t Pc);
/// A program thread did something that may make a descriptor ready: every
/// thread blocked in a descriptor wait looks again.
void fdActivity();
/// In the child of fork(): the parent's other threads waited, not it.
void forgetFdWaitersAfterFork();
/// SchedulerObserver::waitOutside for descriptor waiters.
SchedulerObserver::OutsideWait waitOutsideForDescriptors(uint64_t MaxNs, bool MayBlock);

// Timer descriptors on the virtual clock (timerfd_interceptors.cc).
/// Counts the expirations virtual time has reached and makes those timer
/// descriptors readable.
void timerfdSync();
/// Virtual time of the next expiration of any armed timer descriptor
/// (kNoDeadline if none): a descriptor wait wakes then to look again.
uint64_t timerfdNextExpiry();
/// Whether reads of \p Fd are those of a virtual timer descriptor.
bool isVirtualTimerfd(int Fd);
/// read() of a virtual timer descriptor by a scheduled thread.
ssize_t timerfdRead(ThreadState *Thr, int Fd, void *Buf, size_t N, uintptr_t Pc);
/// \p Fd was closed.
void timerfdForget(int Fd);

/// The shape of every descriptor wait: \p Once makes the call with a zero
/// timeout (holding the baton, so it is deterministic); while it returns 0
/// the thread waits in virtual time until \p TimeoutNs passed (kNoDeadline:
/// no limit), waking whenever a descriptor may have become ready. Returns
/// Once's last result: 0 when the timeout passed with nothing ready.
template <typename F>
int waitForDescriptors(ThreadState *Thr, const char *Name, int Fd,
                       struct pollfd *Watch, size_t NumWatch,
                       uint64_t TimeoutNs, uintptr_t Pc, F Once) {
  timerfdSync();
  int R = Once();
  if (R != 0 || TimeoutNs == 0)
    return R;
  uint64_t Deadline = TimeoutNs == kNoDeadline ? kNoDeadline
                                               : Rt.Sched.now() + TimeoutNs;
  FdWaiter W{Thr, Name, Fd, Watch, NumWatch};
  for (;;) {
    // A timer descriptor among the watched ones may expire first.
    uint64_t Until = timerfdNextExpiry();
    if (Deadline < Until)
      Until = Deadline;
    cancellationPoint(Thr); // before it waits, and after a cancel ended it
    blockForFdEvent(W, Until, Pc);
    if (Thr->Green.Interrupted == Interrupt::Signal) {
      // A handler ran (signal_delivery.h): poll, select and epoll_wait are
      // never restarted after one (signal(7)).
      errno = EINTR;
      return -1;
    }
    timerfdSync();
    R = Once();
    if (R != 0 || Rt.Sched.now() >= Deadline)
      return R;
  }
}

} // namespace weft

#endif
