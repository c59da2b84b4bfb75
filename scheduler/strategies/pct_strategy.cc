//===- pct_strategy.cc - Probabilistic concurrency testing (PCT) ----------===//

#include "strategies/pct_strategy.h"

namespace weft {

void PctStrategy::beginExecution(uint64_t Seed) {
  Rng.reseed(Seed);
  Step = 0;
  NextChange = 0;
  ChangePoints.clear();
  Priority.clear();
  NextDemoted = kInitialBit - 1;
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

void PctStrategy::learn(ThreadId T) {
  size_t I = index(T);
  if (I >= Priority.size())
    Priority.resize(I + 1);
  if (Priority[I] == 0)
    Priority[I] = Rng.next() | kInitialBit;
}

void PctStrategy::demote(ThreadId T) { Priority[index(T)] = NextDemoted--; }

bool PctStrategy::higher(ThreadId A, ThreadId B) const {
  uint64_t PA = Priority[index(A)], PB = Priority[index(B)];
  return PA != PB ? PA > PB : index(A) < index(B);
}

ThreadId PctStrategy::highest(const ThreadId *Runnable, size_t NumRunnable) const {
  ThreadId Best = Runnable[0];
  for (size_t I = 1; I < NumRunnable; ++I)
    if (higher(Runnable[I], Best))
      Best = Runnable[I];
  return Best;
}

const InternalVector<ThreadId> &PctStrategy::priorityOrder() const {
  OrderForTests.clear();
  for (size_t I = 0; I < Priority.size(); ++I) {
    if (Priority[I] == 0)
      continue;
    ThreadId T = static_cast<ThreadId>(I);
    size_t At = 0;
    while (At < OrderForTests.size() && higher(OrderForTests[At], T))
      ++At;
    OrderForTests.insert(At, T);
  }
  return OrderForTests;
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

  ThreadId Next = highest(Runnable, NumRunnable);
  if (NextChange < ChangePoints.size() && ChangePoints[NextChange] == Step) {
    ++NextChange;
    demote(Next);
    Next = highest(Runnable, NumRunnable);
  }
  if (Next == LastPicked && NumRunnable > 1) {
    if (++RunLength >= kStarvationLimit) {
      demote(Next);
      Next = highest(Runnable, NumRunnable);
      RunLength = 0;
    }
  } else {
    RunLength = 0;
  }
  LastPicked = Next;
  return Next;
}

uint32_t PctStrategy::nextQuantum() {
  return 1 + Rng.pickIndex(QuantumDraw);
}

uint32_t PctStrategy::choose(ChoiceKind, uint32_t N) { return Rng.pickIndex(N); }

} // namespace weft
