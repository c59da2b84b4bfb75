//===- random_strategy.cc - Seeded random walk over schedules -------------===//

#include "random_strategy.h"

namespace weft {

void RandomStrategy::beginExecution(uint64_t Seed) { Rng.reseed(Seed); }

ThreadId RandomStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                                  ThreadId, PointKind) {
  return Runnable[Rng.pickIndex(static_cast<uint32_t>(NumRunnable))];
}

uint32_t RandomStrategy::nextQuantum() {
  return 1 + Rng.pickIndex(2 * MeanQuantum);
}

uint32_t RandomStrategy::choose(ChoiceKind, uint32_t N) {
  return Rng.pickIndex(N);
}

} // namespace weft
