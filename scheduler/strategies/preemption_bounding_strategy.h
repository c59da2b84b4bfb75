//===- preemption_bounding_strategy.h - CHESS-style preemption bounding ---===//
//
// Musuvathi, Qadeer: "Iterative Context Bounding for Systematic Testing of
// Multithreaded Programs", PLDI 2007 (CHESS). Most concurrency bugs need few
// preemptions, so the schedules with at most c preemptions (c = 2 or 3) are
// enumerated, all of them, fewest preemptions first. A preemption is a
// switch away from a thread that could go on; switches where the current
// thread blocks, exits or yields are free.
//
// `weft test` runs every schedule in a process of its own, so the strategy
// keeps no state between executions: execution number Index (pb_index) is
// unranked into its schedule. A preemption *unit* is a pair (step, rank):
// at scheduling step `step` (1-based, every point counts: sync, atomic,
// race-directed and quantum points, the visible operations), switch to the
// rank-th other runnable thread in id order after the current one (rank <
// Width, modulo the number of other runnable threads). Index 0 is the
// schedule without preemptions; then come the Steps*Width schedules with
// one unit, then every pair of units, and so on up to Bound units
// (combinations, in colexicographic order). Index past the last wraps
// around. Steps is an estimate of the run's length, measured by `weft test`
// as for PCT; units beyond the real length never fire. Two units on one
// step act as one: such a schedule repeats another.
//
// Between preemptions a thread runs until it blocks, exits or yields;
// then the next runnable thread in id order after it runs (a free switch,
// one choice, not enumerated). A thread picked kStarvationLimit times in a
// row while others could run also hands over freely, so a spin loop
// without a yield cannot starve the thread it waits for. Bounded choices
// (which waiter a signal wakes, early timeouts) take answer 0, the
// deterministic one. The quantum is fixed: no randomness anywhere.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_PREEMPTION_BOUNDING_STRATEGY_H
#define WEFT_SCHEDULER_PREEMPTION_BOUNDING_STRATEGY_H

#include "strategies/strategy.h"

namespace weft {

class PreemptionBoundingStrategy final : public Strategy {
public:
  static constexpr uint32_t kMaxBound = 4;
  static constexpr uint32_t kStarvationLimit = 10000;

  /// \p Bound in [0, kMaxBound]; \p Steps >= 1; \p Width >= 1; \p Quantum >= 1.
  PreemptionBoundingStrategy(uint32_t Bound, uint64_t Steps, uint32_t Width, uint64_t Index,
                             uint32_t Quantum);

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable, ThreadId Current,
                    PointKind Kind, PointObject Object) override;
  uint32_t nextQuantum() override { return Quantum; }
  uint32_t choose(ChoiceKind, uint32_t) override { return 0; }

  /// How many schedules have at most \p Bound preemptions over \p Steps
  /// steps and \p Width ranks (saturates at UINT64_MAX).
  static uint64_t scheduleCount(uint32_t Bound, uint64_t Steps, uint32_t Width);

  /// This execution's units, as (step, rank), ascending by unit (for tests).
  size_t numUnits() const { return NumUnits; }
  uint64_t unitStep(size_t I) const { return Units[I] / Width + 1; }
  uint32_t unitRank(size_t I) const { return uint32_t(Units[I] % Width); }

private:
  /// Unranks Index (modulo scheduleCount) into Units.
  void unrank();

  uint32_t Bound;
  uint64_t Steps;
  uint32_t Width;
  uint64_t Index;
  uint32_t Quantum;
  uint64_t Units[kMaxBound]; // invariant: Units[0, NumUnits) ascending, distinct
  size_t NumUnits = 0;
  size_t NextUnit = 0; // the first unit whose step is not behind us
  uint64_t Step = 0;
  ThreadId LastPicked = ThreadId::Invalid;
  uint32_t RunLength = 0;
};

} // namespace weft

#endif
