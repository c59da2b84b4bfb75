//===- semaphore_model.h - Scheduler-side model of counting semaphores ----===//
//
// A semaphore whose count is zero never makes a thread wait in the kernel:
// the waiter blocks in the scheduler and the baton moves on. The model keeps
// the count and the waiters; happens-before is the runtime's (every post and
// every successful wait is a read-modify-write of the count, so a wait
// acquires everything posted before it).
//
// State machine (Count, waiters):
//
//   state        event                      result / next state
//   -----------  -------------------------  ---------------------------------
//   Count > 0    wait / trywait             Count - 1; Acquired
//   Count == 0   trywait                    Busy (EAGAIN)
//   Count == 0   wait                       blocks until a post; retries
//   Count == 0   timed wait, deadline hit   TimedOut (ETIMEDOUT)
//   Count == 0   wait, interruptWait        Interrupted (a signal handler
//                                           ran: EINTR, or the caller waits
//                                           again under SA_RESTART)
//   any          post, Count < Max          Count + 1; one blocked waiter,
//                                           chosen by the strategy, woken
//   Count == Max post                       Overflow (EOVERFLOW)
//
// A woken waiter retries: a thread that arrives meanwhile may take the count
// first (glibc semaphores are not FIFO either), and the loser blocks again.
// No wake-up is lost: a thread only blocks when Count is 0, and every post
// that raises the count wakes a waiter that is still blocked.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_SEMAPHORE_MODEL_H
#define WEFT_SCHEDULER_SEMAPHORE_MODEL_H

#include "models/mutex_model.h"

namespace weft {

class SemaphoreModel {
public:
  static constexpr uint32_t kMaxValue = 0x7fffffff; // SEM_VALUE_MAX

  explicit SemaphoreModel(uint32_t Value = 0) : Count(Value) {}

  /// Takes one unit; Acquired, Busy (TryOnly, Count 0), TimedOut or
  /// Interrupted.
  LockResult wait(Scheduler &S, uintptr_t Addr, bool TryOnly,
                  uint64_t Deadline = kNoDeadline);
  /// Adds one unit; false (and no change) if the count is at kMaxValue.
  bool post(Scheduler &S);
  uint32_t value() const { return Count; }
  bool hasWaiters() const { return !Waiters.empty(); }

private:
  uint32_t Count;
  WaitQueue Waiters;
};

} // namespace weft

#endif
