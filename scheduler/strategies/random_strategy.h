//===- random_strategy.h - Seeded random walk over schedules --------------===//
//
// At every scheduling point the walk picks the next thread at random; between
// them, a thread runs a random number of instrumented accesses (uniform in
// [1, 2*MeanQuantum]) before an access point.
//
// The preemption rate tunes how eagerly it switches. By default (rate -1)
// every runnable thread is equally likely at every point, the current one
// included. With a rate R in [1, 100], a runnable current thread keeps running
// with probability (100-R)% and otherwise hands over to one of the others,
// chosen uniformly: low rates give long uninterrupted stretches with a few
// preemptions (the kind of schedule most bugs need), high rates interleave
// finely. Every runnable thread keeps a positive chance at every point, so no
// thread starves (the walk is fair with probability one); that is why 0 is
// not a valid rate.
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
  /// \p PreemptionRate: kUniform, or a percentage in [1, 100].
  explicit RandomStrategy(uint32_t MeanQuantum, int PreemptionRate = kUniform)
      : MeanQuantum(MeanQuantum), PreemptionRate(PreemptionRate) {}

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override;
  uint32_t nextQuantum() override;
  uint32_t choose(ChoiceKind Kind, uint32_t N) override;

private:
  Prng Rng;
  uint32_t MeanQuantum; // invariant: >= 1
  int PreemptionRate;   // invariant: kUniform or in [1, 100]
};

} // namespace weft

#endif
