//===- semaphore_model.cc - Scheduler-side model of counting semaphores ---===//

#include "models/semaphore_model.h"

namespace weft {

LockResult SemaphoreModel::wait(Scheduler &S, uintptr_t Addr, bool TryOnly,
                                uint64_t Deadline) {
  for (;;) {
    if (Count > 0) {
      --Count;
      return LockResult::Acquired;
    }
    if (TryOnly)
      return LockResult::Busy;
    if (!Waiters.wait(S, WaitInfo{WaitKind::Semaphore, Addr}, Deadline))
      return LockResult::TimedOut;
    // The caller decides between EINTR and waiting again (SA_RESTART).
    if (S.current()->Interrupted != Interrupt::None)
      return LockResult::Interrupted;
  }
}

bool SemaphoreModel::post(Scheduler &S) {
  if (Count == kMaxValue)
    return false;
  ++Count;
  Waiters.wakeOne(S);
  return true;
}

} // namespace weft
