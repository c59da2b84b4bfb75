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

#include "rtl.h"

#include <cerrno>

namespace weft {

/// Whether a call on \p Fd that waits for \p Events (POLLIN or POLLOUT) of
/// up to \p Len bytes could block.
bool fdMayBlock(int Fd, short Events, size_t Len);
/// Whether \p Fd is in blocking mode (fcntl); false on error.
bool fdIsBlocking(int Fd);

/// Runs \p Call without the baton when \p MayBlock, else holding it.
template <typename F>
auto callMaybeBlocking(ThreadState *Thr, bool MayBlock, const char *Name, int Fd,
                       F Call) -> decltype(Call()) {
  if (!MayBlock)
    return Call();
  Rt.Sched.leaveForSyscall(SyscallInfo{Name, Fd});
  auto R = Call();
  int Err = errno; // the futex wait below may clobber it
  Rt.Sched.reenterAfterSyscall(&Thr->Green);
  errno = Err;
  return R;
}

/// Happens-before through a pipe or socket: a write releases the
/// descriptor's channel, a read that got bytes acquires it.
void fdRelease(ThreadState *Thr, int Fd);
void fdAcquire(ThreadState *Thr, int Fd);

} // namespace weft

#endif
