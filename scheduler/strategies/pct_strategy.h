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
// incrementally: a new thread draws a random 64-bit initial priority, and
// distinct random keys in random order are a uniformly random permutation
// (ties, 2^-64 likely, fall to the lower id). Demoted threads get keys below
// every initial one, each lower than the last.
//
// Cost per scheduling point (issue 12 item 4): one pass over the runnable
// ids with one array read each (priorities live in an array indexed by
// thread id), and nothing that grows with the threads that ever existed:
// a finished thread's entry is never visited again. The first version kept
// one ordered list of every thread ever seen and searched it once per
// runnable thread at every point; with 20,000 threads created and joined
// one after another, a run took 16 times as long as under the random walk
// (docs/performance.md, "Strategies and thread count").
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
      : Depth(Depth), EstimatedSteps(EstimatedSteps), QuantumDraw(2 * MeanQuantum) {}

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override;
  uint32_t nextQuantum() override;
  uint32_t choose(ChoiceKind Kind, uint32_t N) override;

  /// The steps at which priorities change, ascending (for tests).
  const InternalVector<uint64_t> &changePoints() const { return ChangePoints; }
  /// Threads seen so far, from highest to lowest priority (for tests; it
  /// sorts, so it is not for the scheduling path).
  const InternalVector<ThreadId> &priorityOrder() const;

private:
  // Initial priorities have the top bit set; demoted ones count down from
  // just below it, so that every demotion ranks below all initial
  // priorities and below every earlier demotion (d-i decreasing with i).
  static constexpr uint64_t kInitialBit = uint64_t(1) << 63;

  void learn(ThreadId T);
  void demote(ThreadId T);
  bool higher(ThreadId A, ThreadId B) const;
  ThreadId highest(const ThreadId *Runnable, size_t NumRunnable) const;

  Prng Rng;
  uint32_t Depth;
  uint64_t EstimatedSteps;
  IndexDraw QuantumDraw; // [0, 2*MeanQuantum)
  uint64_t Step = 0;
  size_t NextChange = 0;                 // index into ChangePoints
  InternalVector<uint64_t> ChangePoints; // invariant: ascending, distinct
  // Priority by thread id; 0: not seen yet. Invariant: initial priorities
  // have kInitialBit set; demoted ones are below it and distinct.
  InternalVector<uint64_t> Priority;
  uint64_t NextDemoted = kInitialBit - 1;
  ThreadId LastPicked = ThreadId::Invalid;
  uint32_t RunLength = 0; // consecutive picks of LastPicked with others runnable
  mutable InternalVector<ThreadId> OrderForTests;
};

} // namespace weft

#endif
