//===- pct_strategy.h - Probabilistic concurrency testing (PCT) -----------===//
//
// Burckhardt, Kothari, Musuvathi, Nagarakatte: "A Randomized Scheduler with
// Probabilistic Guarantees of Finding Bugs", ASPLOS 2010. Each thread gets a
// random priority, distinct from all others; at every scheduling point the
// highest-priority runnable thread runs. Depth-1 change points are drawn
// uniformly among the first EstimatedSteps steps; at the i-th one the thread
// about to run drops to priority d-i, below every initial priority. A bug of
// depth d (d ordering constraints) in a run of k steps with n threads is then
// found with probability at least 1/(n * k^(d-1)).
//
// Threads appear while the run goes on, so the random permutation is built
// incrementally: a new thread is inserted at a uniformly random position
// among the threads that still hold initial priorities, which gives every
// order the same probability.
//
// k is not known before the run: it is the option pct_steps, which
// `weft test --strategy pct` measures from one calibration run of the
// program (docs/scheduling.md). Change points beyond the real length simply
// never fire.
//
// Two deviations make it fair, which plain PCT is not (a high-priority thread
// spinning on a flag that a low-priority thread must set would spin forever):
// a thread that calls sched_yield (or sleeps) drops to the lowest priority,
// and a thread picked kStarvationLimit times in a row while others were
// runnable drops too. Both are deterministic, so the seed still names the run.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_PCT_STRATEGY_H
#define WEFT_SCHEDULER_PCT_STRATEGY_H

#include "base/internal_vector.h"
#include "prng.h"
#include "strategies/strategy.h"

namespace weft {

class PctStrategy final : public Strategy {
public:
  /// Consecutive picks of one thread, others being runnable, before it is
  /// demoted for fairness.
  static constexpr uint32_t kStarvationLimit = 10000;

  /// \p Depth >= 1; \p EstimatedSteps >= 1; \p MeanQuantum >= 1.
  PctStrategy(uint32_t Depth, uint64_t EstimatedSteps, uint32_t MeanQuantum)
      : Depth(Depth), EstimatedSteps(EstimatedSteps), MeanQuantum(MeanQuantum) {}

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override;
  uint32_t nextQuantum() override;
  uint32_t choose(ChoiceKind Kind, uint32_t N) override;

  /// The steps at which priorities change, ascending (for tests).
  const InternalVector<uint64_t> &changePoints() const { return ChangePoints; }
  /// Threads from highest to lowest priority (for tests).
  const InternalVector<ThreadId> &priorityOrder() const { return Order; }

private:
  void learn(ThreadId T);
  void demote(ThreadId T);
  size_t position(ThreadId T) const;

  Prng Rng;
  uint32_t Depth;
  uint64_t EstimatedSteps;
  uint32_t MeanQuantum;
  uint64_t Step = 0;
  size_t NextChange = 0;                 // index into ChangePoints
  InternalVector<uint64_t> ChangePoints; // invariant: ascending, distinct
  // Order[0] is the highest priority. Order[0, NumInitial) keep their initial
  // random priorities; the rest were demoted, in order of demotion (later
  // demotions are lower, as d-i decreases with i).
  InternalVector<ThreadId> Order;
  size_t NumInitial = 0;
  ThreadId LastPicked = ThreadId::Invalid;
  uint32_t RunLength = 0; // consecutive picks of LastPicked with others runnable
};

} // namespace weft

#endif
