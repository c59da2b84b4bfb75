//===- random_strategy.cc - Seeded random walk over schedules -------------===//

#include "strategies/random_strategy.h"

namespace weft {

void RandomStrategy::beginExecution(uint64_t Seed) {
  Rng.reseed(Seed);
  Budget.Points = RateNum ? UntilPreemption.draw(Rng) : 0;
}

ThreadId RandomStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                                  ThreadId Current, PointKind Kind, PointObject) {
  uint32_t N = static_cast<uint32_t>(NumRunnable);
  if (RateNum == 0)
    return Runnable[Rng.pickIndex(N)];
  size_t CurIdx = NumRunnable;
  for (size_t I = 0; I < NumRunnable; ++I)
    if (Runnable[I] == Current)
      CurIdx = I;
  if (CurIdx == NumRunnable)
    return Runnable[Rng.pickIndex(N)];
  // A thread that yields (sched_yield, a zero sleep) asks for the others to
  // run: a spin-wait loop that yields makes progress only if they do. It is
  // not a coin toss: the countdown stays.
  if (Kind != PointKind::Yield) {
    if (Budget.take()) // what Scheduler::point does inline when it can
      return Current;
    // The coin came up: preempt, and count down to the next time.
    Budget.Points = UntilPreemption.draw(Rng);
  }
  if (N == 1)
    return Current;
  // One of the others, uniformly: skip over the current thread's slot.
  uint32_t Pick = Rng.pickIndex(N - 1);
  return Runnable[Pick >= CurIdx ? Pick + 1 : Pick];
}

uint32_t RandomStrategy::nextQuantum() { return Budget.quantum(); }

uint32_t RandomStrategy::choose(ChoiceKind, uint32_t N) {
  return Rng.pickIndex(N);
}

} // namespace weft
