//===- barrier_model.cc - Scheduler-side model of pthread barriers --------===//

#include "models/barrier_model.h"

namespace weft {

BarrierArrival BarrierModel::arrive(Scheduler &S, uintptr_t Addr) {
  BarrierArrival Result;
  bool Released = false;
  Arrivals.push_back({S.current()->Id, &Result.Serial, &Released});
  if (Arrivals.size() < Count) {
    while (!Released)
      Waiters.wait(S, WaitInfo{WaitKind::Barrier, Addr}, kNoDeadline);
    return Result;
  }
  uint32_t Pick = S.choose(ChoiceKind::WakeWaiter, Count);
  *Arrivals[Pick].Serial = true;
  LastRound.clear();
  for (const Arrival &A : Arrivals) {
    *A.Released = true;
    LastRound.push_back(A.Id);
  }
  Arrivals.clear();
  Waiters.wakeAll(S);
  Result.Completed = true;
  return Result;
}

} // namespace weft
