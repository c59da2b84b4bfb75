//===- random_strategy.h - Seeded random walk over schedules --------------===//
//
// At every synchronization point any runnable thread may go next, each with
// equal probability; between them, a thread runs a random number of
// instrumented accesses (uniform in [1, 2*MeanQuantum]) before an access
// point. Every runnable thread has a positive chance at every point, so no
// thread starves (the walk is fair with probability one).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_RANDOM_STRATEGY_H
#define WEFT_SCHEDULER_RANDOM_STRATEGY_H

#include "prng.h"
#include "strategy.h"

namespace weft {

class RandomStrategy final : public Strategy {
public:
  /// \p MeanQuantum: mean number of accesses between access points (>= 1).
  explicit RandomStrategy(uint32_t MeanQuantum) : MeanQuantum(MeanQuantum) {}

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind) override;
  uint32_t nextQuantum() override;
  uint32_t choose(ChoiceKind Kind, uint32_t N) override;

private:
  Prng Rng;
  uint32_t MeanQuantum; // invariant: >= 1
};

} // namespace weft

#endif
