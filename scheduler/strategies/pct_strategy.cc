//===- pct_strategy.cc - Probabilistic concurrency testing (PCT) ----------===//

#include "strategies/pct_strategy.h"

namespace weft {

void PctStrategy::beginExecution(uint64_t Seed) {
  Rng.reseed(Seed);
  Step = 0;
  NextChange = 0;
  ChangePoints.clear();
  Order.clear();
  NumInitial = 0;
  LastPicked = ThreadId::Invalid;
  RunLength = 0;
  // d-1 distinct steps in [1, k], kept sorted (insertion: d is small).
  uint64_t Wanted = Depth - 1;
  if (Wanted > EstimatedSteps)
    Wanted = EstimatedSteps;
  while (ChangePoints.size() < Wanted) {
    uint64_t S = 1 + Rng.pickIndex64(EstimatedSteps);
    size_t I = 0;
    while (I < ChangePoints.size() && ChangePoints[I] < S)
      ++I;
    if (I < ChangePoints.size() && ChangePoints[I] == S)
      continue;
    ChangePoints.insert(I, S);
  }
}

size_t PctStrategy::position(ThreadId T) const {
  for (size_t I = 0; I < Order.size(); ++I)
    if (Order[I] == T)
      return I;
  return Order.size();
}

void PctStrategy::learn(ThreadId T) {
  if (position(T) != Order.size())
    return;
  // Uniform position among the initial priorities: a random permutation
  // built one thread at a time.
  size_t At = Rng.pickIndex(static_cast<uint32_t>(NumInitial + 1));
  Order.insert(At, T);
  ++NumInitial;
}

void PctStrategy::demote(ThreadId T) {
  size_t I = position(T);
  if (I < NumInitial)
    --NumInitial;
  Order.erase(I);
  Order.push_back(T);
}

ThreadId PctStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                               ThreadId Current, PointKind Kind, PointObject) {
  ++Step;
  for (size_t I = 0; I < NumRunnable; ++I)
    learn(Runnable[I]);
  if (Current != ThreadId::Invalid)
    learn(Current);
  if (Kind == PointKind::Yield && NumRunnable > 1)
    demote(Current);

  auto Highest = [&]() {
    // Runnable is small and Order is short: a linear scan is fine.
    for (ThreadId T : Order)
      for (size_t I = 0; I < NumRunnable; ++I)
        if (Runnable[I] == T)
          return T;
    return Runnable[0];
  };
  ThreadId Next = Highest();
  if (NextChange < ChangePoints.size() && ChangePoints[NextChange] == Step) {
    ++NextChange;
    demote(Next);
    Next = Highest();
  }
  if (Next == LastPicked && NumRunnable > 1) {
    if (++RunLength >= kStarvationLimit) {
      demote(Next);
      Next = Highest();
      RunLength = 0;
    }
  } else {
    RunLength = 0;
  }
  LastPicked = Next;
  return Next;
}

uint32_t PctStrategy::nextQuantum() {
  return 1 + Rng.pickIndex(2 * MeanQuantum);
}

uint32_t PctStrategy::choose(ChoiceKind, uint32_t N) { return Rng.pickIndex(N); }

} // namespace weft
