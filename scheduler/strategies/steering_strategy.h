//===- steering_strategy.h - Steers a schedule toward a lock-order deadlock ===//
//
// Wraps the strategy of an execution to turn a reported lock-order inversion
// into the real deadlock. The runtime says, after every lock and unlock, how
// many locks each thread holds that it took at one of the cycle's "held"
// sites (where a thread took the first lock of an inverted pair). A thread
// holding such a lock is kept off the CPU while some thread that holds none
// can run, so that the other threads reach their own held sites before the
// first one takes its second lock: that is the interleaving a lock-order
// deadlock needs (T1 holds A, T2 holds B, each now wants the other).
//
// Who runs among the allowed threads is still the inner strategy's answer,
// so different seeds give different steered schedules, and the same seed
// the same one. Fairness: each acquisition at a held site gives the thread
// a patience of kPatience picks it may be passed over for; after that it
// competes normally again (a thread it waits for might be spinning on it).
// Knows thread ids only, never pcs or mutexes (the runtime decides what a
// held site is).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_STEERING_STRATEGY_H
#define WEFT_SCHEDULER_STEERING_STRATEGY_H

#include "base/internal_vector.h"
#include "strategies/strategy.h"

namespace weft {

class SteeringStrategy final : public WrappingStrategy {
public:
  /// Picks a thread holding a held-site lock may be passed over for, per
  /// acquisition at a held site.
  static constexpr uint32_t kPatience = 1000;

  explicit SteeringStrategy(Strategy *Inner) : WrappingStrategy(Inner) {}

  /// Thread \p T now holds \p N locks taken at held sites. A rise in N is a
  /// new acquisition and renews the thread's patience.
  void setHeldSiteLocks(ThreadId T, uint32_t N);

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override;

private:
  struct PerThread {
    uint32_t HeldSiteLocks = 0;
    uint32_t Patience = 0;
  };
  PerThread &of(ThreadId T);

  InternalVector<PerThread> Threads; // by thread index
  InternalVector<ThreadId> Allowed;  // scratch for pickNext
};

} // namespace weft

#endif
