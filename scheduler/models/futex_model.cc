//===- futex_model.cc - Scheduler-side model of one futex word's waiters --===//

#include "models/futex_model.h"

namespace weft {

bool FutexQueue::wait(Scheduler &S, uintptr_t Addr, uint32_t Bitset,
                      uint64_t Deadline) {
  GreenThread *Self = S.current();
  Waiters.push_back({Self, Bitset});
  WaitInfo W{WaitKind::Futex, Addr};
  bool Woken = Deadline == kNoDeadline ? (S.block(W), true) : S.blockUntil(W, Deadline);
  for (size_t I = 0; I < Waiters.size(); ++I)
    if (Waiters[I].T == Self) {
      Waiters.erase(I);
      break;
    }
  return Woken;
}

uint32_t FutexQueue::wake(Scheduler &S, uint32_t N, uint32_t Mask,
                          InternalVector<ThreadId> *WokenIds) {
  uint32_t Woken = 0;
  while (Woken < N) {
    uint32_t Eligible = 0;
    for (const Waiter &W : Waiters)
      Eligible += eligible(W, Mask);
    if (Eligible == 0)
      break;
    uint32_t Pick = S.choose(ChoiceKind::WakeWaiter, Eligible);
    for (const Waiter &W : Waiters)
      if (eligible(W, Mask) && Pick-- == 0) {
        S.wake(W.T);
        if (WokenIds)
          WokenIds->push_back(W.T->Id);
        break;
      }
    ++Woken;
  }
  return Woken;
}

} // namespace weft
