//===- futex_model.h - Scheduler-side model of one futex word's waiters ---===//
//
// Programs that wait with raw futex system calls (libstdc++'s
// std::atomic::wait, latch, barrier, counting_semaphore) must not sleep in
// the kernel while holding the baton. The runtime compares the futex word
// itself (only one thread runs, so the comparison and the enqueueing are
// atomic with respect to the program) and then waits here.
//
// Waiter states:
//
//   state     event                                  next state
//   --------  -------------------------------------  -------------------------
//   (none)    wait(bitset)                           Blocked in the queue
//   Blocked   wake(N, mask), bitset & mask != 0,     Woken (runnable); counts
//             picked by the strategy                 toward the N woken
//   Blocked   deadline reached (virtual time)        TimedOut (runnable)
//   Woken /   runs again                             leaves the queue
//   TimedOut
//
// A wake considers only waiters still Blocked: a thread already woken or
// timed out is not woken twice, and is not counted.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_FUTEX_MODEL_H
#define WEFT_SCHEDULER_FUTEX_MODEL_H

#include "models/mutex_model.h"

namespace weft {

class FutexQueue {
public:
  /// Blocks the current thread until a matching wake or \p Deadline; false
  /// on timeout. \p Bitset is non-zero.
  bool wait(Scheduler &S, uintptr_t Addr, uint32_t Bitset, uint64_t Deadline);
  /// Wakes up to \p N blocked waiters whose bitset intersects \p Mask, each
  /// picked by the strategy among the eligible ones; returns how many, and
  /// appends their ids to \p WokenIds if given.
  uint32_t wake(Scheduler &S, uint32_t N, uint32_t Mask,
                InternalVector<ThreadId> *WokenIds = nullptr);
  bool empty() const { return Waiters.empty(); }

private:
  struct Waiter {
    GreenThread *T;
    uint32_t Bitset;
  };
  bool eligible(const Waiter &W, uint32_t Mask) const {
    return W.T->Status == ThreadStatus::Blocked && (W.Bitset & Mask) != 0;
  }

  InternalVector<Waiter> Waiters; // in arrival order
};

} // namespace weft

#endif
