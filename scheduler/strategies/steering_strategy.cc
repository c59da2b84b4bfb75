//===- steering_strategy.cc - Steers a schedule toward a lock-order deadlock ===//

#include "strategies/steering_strategy.h"

namespace weft {

SteeringStrategy::PerThread &SteeringStrategy::of(ThreadId T) {
  size_t I = index(T);
  if (I >= Threads.size())
    Threads.resize(I + 1);
  return Threads[I];
}

void SteeringStrategy::setHeldSiteLocks(ThreadId T, uint32_t N) {
  PerThread &P = of(T);
  if (N > P.HeldSiteLocks)
    P.Patience = kPatience;
  P.HeldSiteLocks = N;
}

void SteeringStrategy::beginExecution(uint64_t Seed) {
  Threads.clear();
  Inner->beginExecution(Seed);
}

ThreadId SteeringStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                                    ThreadId Current, PointKind Kind,
                                    PointObject Object) {
  // Threads holding a held-site lock (with patience left) wait while anyone
  // else can run; the order of Runnable (by id) is kept.
  Allowed.clear();
  for (size_t I = 0; I < NumRunnable; ++I) {
    PerThread &P = of(Runnable[I]);
    if (P.HeldSiteLocks == 0 || P.Patience == 0)
      Allowed.push_back(Runnable[I]);
  }
  if (Allowed.empty() || Allowed.size() == NumRunnable)
    return Inner->pickNext(Runnable, NumRunnable, Current, Kind, Object);
  for (size_t I = 0; I < NumRunnable; ++I) {
    PerThread &P = of(Runnable[I]);
    if (P.HeldSiteLocks != 0 && P.Patience != 0)
      --P.Patience;
  }
  return Inner->pickNext(Allowed.begin(), Allowed.size(), Current, Kind, Object);
}

} // namespace weft
