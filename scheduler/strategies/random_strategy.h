//===- random_strategy.h - Seeded random walk over schedules --------------===//
//
// At every scheduling point the walk picks the next thread at random; between
// them, a thread runs a random number of instrumented accesses (uniform in
// [1, 2*MeanQuantum]) before an access point.
//
// The preemption rate tunes how eagerly it switches. By default (uniform)
// every runnable thread is equally likely at every point, the current one
// included. With a rate Num/Den, a runnable current thread keeps running
// with probability 1 - Num/Den and otherwise hands over to one of the
// others, chosen uniformly: low rates give long uninterrupted stretches with
// a few preemptions (the kind of schedule most bugs need, and cheap: a
// hand-off costs microseconds), high rates interleave finely. Every runnable
// thread keeps a positive chance at every point, so no thread starves (the
// walk is fair with probability one); that is why a rate is never 0.
//
// With a rate, the coin is not tossed at every point: the number of points
// until the next preemption (the failures before the first success of that
// coin, a geometric distribution) is drawn at once, at the start and after
// each preemption, and the points in between only count down. The
// countdown is the scheduler's GoOnBudget, so those points, 99.9% of a
// plain run's (preemption_rate=0.1), cost the scheduler a decrement and a
// quantum draw, not a virtual call and two draws. Points at which the
// current thread cannot go on (it blocked or finished) and yields are not
// coin tosses and leave the countdown alone. A point costs the countdown
// the units the scheduler charges for it (GoOnBudget::Units: one, and one
// per 32 accesses since the thread's previous point), so the rate is per
// unit of work: a thread that copies between points is preempted as often
// per unit of work as one that locks between every few accesses.
//
// Every answer comes from one generator, in the order asked (a pick, the
// preemption countdown, a quantum, a choice), so a schedule is its seed
// (random_strategy_test pins this).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_RANDOM_STRATEGY_H
#define WEFT_SCHEDULER_RANDOM_STRATEGY_H

#include "prng.h"
#include "strategies/strategy.h"

namespace weft {

class RandomStrategy final : public Strategy {
public:
  /// Rate meaning "every runnable thread equally likely".
  static constexpr int kUniform = -1;

  /// \p MeanQuantum: mean number of accesses between access points (>= 1).
  /// \p PreemptionPercent: kUniform, or a percentage in [1, 100].
  explicit RandomStrategy(uint32_t MeanQuantum, int PreemptionPercent = kUniform)
      : RandomStrategy(MeanQuantum,
                       PreemptionPercent == kUniform ? 0 : uint32_t(PreemptionPercent), 100) {}
  /// A preemption rate of \p RateNum / \p RateDen (0 < RateNum <= RateDen);
  /// RateNum 0: uniform.
  RandomStrategy(uint32_t MeanQuantum, uint32_t RateNum, uint32_t RateDen)
      : QuantumDraw(2 * MeanQuantum), UntilPreemption(RateNum, RateDen), RateNum(RateNum),
        Budget(Rng, QuantumDraw) {}

  // Budget refers to Rng and QuantumDraw: a copy would share the original's.
  RandomStrategy(const RandomStrategy &) = delete;
  RandomStrategy &operator=(const RandomStrategy &) = delete;

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override;
  uint32_t nextQuantum() override;
  uint32_t choose(ChoiceKind Kind, uint32_t N) override;
  /// With a rate: the countdown to the next preemption. Uniform: null.
  GoOnBudget *goOnBudget() override { return RateNum ? &Budget : nullptr; }

private:
  Prng Rng;
  IndexDraw QuantumDraw;         // [0, 2*MeanQuantum); MeanQuantum >= 1
  GeometricDraw UntilPreemption; // points kept between preemptions
  uint32_t RateNum;              // 0: uniform; else in (0, RateDen]
  // Points (current thread runnable, not yielding) before the next
  // preemption; 0: the next such point preempts. Unused when uniform.
  GoOnBudget Budget;
};

} // namespace weft

#endif
